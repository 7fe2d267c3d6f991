package jlab.shell.format;

/** A template that cannot be parsed, or that fails on the data: Go's wording, "template: :1: ...". */
public final class TemplateException extends RuntimeException {
    TemplateException(int line, String message) {
        super("template: :" + line + ": " + message);
    }

    /** The one line a command prints of it, in Docker's words. */
    String said() { return "jlab: template parsing error: " + getMessage(); }
}
