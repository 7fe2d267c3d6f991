package jlab.shell.lab;

import jlab.engine.EngineException;
import jlab.labs.grade.GradescopeJson;
import jlab.labs.grade.JunitXml;
import jlab.labs.grade.ResultReader;
import jlab.labs.grade.SubmittedResult;
import jlab.labs.model.Lang;
import jlab.labs.run.LabResult;
import jlab.labs.run.ResultJson;

/**
 * {@code lab check --format}: jlab's own JSON, or an export of it. The
 * exports read the JSON back ({@link ResultReader}), so they are made from
 * exactly what a submission carries.
 */
enum ResultFormat {
    JSON, JUNIT, GRADESCOPE;

    /** null for null (the terminal's view); one clear line for an unknown name. */
    static ResultFormat of(String name) {
        if (name == null) return null;
        for (ResultFormat f : values()) if (f.name().equalsIgnoreCase(name)) return f;
        throw new EngineException("--format takes json, junit or gradescope, not '" + name + "'");
    }

    String write(LabResult result, Lang lang) {
        String json = ResultJson.write(result, lang);
        if (this == JSON) return json + "\n";
        SubmittedResult read = ResultReader.read(json, result.labId());
        return this == JUNIT ? JunitXml.write(read) : GradescopeJson.write(read);
    }
}
