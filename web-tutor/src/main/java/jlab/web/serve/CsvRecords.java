package jlab.web.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180: fields separated by commas, a field
 * in double quotes may hold commas, line ends and doubled quotes; CRLF or LF
 * line ends), each with the line it starts on, so an error can name it.
 */
final class CsvRecords {
    /** One record: its first line (1-based) and its fields; {@code error} when its quotes do not close. */
    record Record(int line, List<String> fields, String error) {
        boolean blank() { return fields.size() == 1 && fields.get(0).isBlank(); }
    }

    private CsvRecords() {}

    static List<Record> split(String text) {
        List<Record> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') i = 1; // a byte-order mark, as spreadsheets write it
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean end = false;
            while (i < n && !end) {
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"' && i < n && text.charAt(i) == '"') { field.append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else { if (c == '\n') line++; field.append(c); }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    line++;
                    end = true;
                } else if (c != '\r') {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            out.add(new Record(start, fields, quoted ? "a quoted field does not close (a \" is missing)" : null));
        }
        return out;
    }
}
