package jlab.course.build;

/** The course's sources have mistakes (the message lists them, file:line each); not a bug in the builder. */
public final class CourseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CourseException(String message) {
        super(message);
    }
}
