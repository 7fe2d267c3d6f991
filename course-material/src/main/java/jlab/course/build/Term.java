package jlab.course.build;

import java.util.Map;

/**
 * One glossary entry: the term and its definition in each language, and the
 * chapter that explains it (null if none does).
 */
public record Term(String id, Map<String, String> term, Map<String, String> definition, String chapter, int line) {}
