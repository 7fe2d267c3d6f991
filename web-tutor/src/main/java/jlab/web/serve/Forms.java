package jlab.web.serve;

import io.javalin.http.Context;
import jlab.web.ClientError;

/** Reads a form's fields, refusing (400) one that is missing or too long, with its name. */
final class Forms {
    private Forms() {}

    static String text(Context ctx, String field, int max) {
        String v = ctx.formParam(field);
        if (v == null) throw ClientError.badRequest("the form has no field '" + field + "'");
        if (v.length() > max) throw ClientError.badRequest("'" + field + "' is longer than " + max + " characters");
        return v;
    }

    static String optional(Context ctx, String field, int max) {
        String v = ctx.formParam(field);
        if (v != null && v.length() > max) throw ClientError.badRequest("'" + field + "' is longer than " + max + " characters");
        return v == null ? "" : v;
    }
}
