package jlab.web.course;

import java.util.List;

import jlab.labs.model.Text;

/**
 * One chapter of the course, as {@code jlab/course/chapters.json} lists it.
 *
 * @param id       fixed once published: {@code /course/ID} links to it ({@code namespaces}, {@code cgroups}...)
 * @param number   its place in the course, from 1
 * @param labs     the lab ids that end it (the catalogue's)
 * @param sections its sections' titles, for the outline
 */
public record Chapter(String id, int number, Text title, Text summary, List<String> labs, List<Section> sections) {
    public Chapter {
        labs = List.copyOf(labs);
        sections = List.copyOf(sections);
    }

    /** A section: its anchor in the chapter's page ({@code /course/ID#anchor}) and its title. */
    public record Section(String id, Text title) {}
}
