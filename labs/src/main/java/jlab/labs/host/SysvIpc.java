package jlab.labs.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.proc.ProcFs;

/**
 * The System V IPC objects of one IPC namespace, as /proc/sysvipc lists them:
 * {@code msg} (message queues, {@code ipcs -q}), {@code shm} (shared memory
 * segments, {@code ipcs -m}), {@code sem} (semaphore sets, {@code ipcs -s}).
 * Each file has a header line naming its columns, then one line per object:
 *
 * <pre>
 *        key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime
 * -1337438286          0   644           0          0     0     0     0     0     0     0          0          0 1796616064
 * </pre>
 *
 * The key is printed as a signed decimal; {@code ipcs} shows it in hex ({@code 0xb0484fb2}).
 * The files list the objects of the <em>reader's</em> IPC namespace (see {@link NamespaceReader}).
 */
public final class SysvIpc {
    /** The three tables, their words for a student, and how ipcs and ipcmk name them. */
    public enum Table {
        MSG("msg", "msqid", "message queue", "file de messages", "-q", "-Q"),
        SHM("shm", "shmid", "shared memory segment", "segment de mémoire partagée", "-m", "-M 4096"),
        SEM("sem", "semid", "semaphore set", "jeu de sémaphores", "-s", "-S 1");

        private final String file, idColumn, en, fr, ipcs, ipcmk;

        Table(String file, String idColumn, String en, String fr, String ipcs, String ipcmk) {
            this.file = file;
            this.idColumn = idColumn;
            this.en = en;
            this.fr = fr;
            this.ipcs = ipcs;
            this.ipcmk = ipcmk;
        }

        /** {@code msg}: the file under /proc/sysvipc, and the name a lab.yaml uses. */
        public String file() { return file; }
        /** The column of its identifier: {@code msqid}. */
        public String idColumn() { return idColumn; }
        public String en() { return en; }
        public String fr() { return fr; }
        /** The option of ipcs(1) that lists them: {@code -q}. */
        public String ipcsOption() { return ipcs; }
        /** The ipcmk(1) command that makes one: {@code ipcmk -Q}. */
        public String ipcmk() { return "ipcmk " + ipcmk; }

        public static Table named(String file) {
            for (Table t : values()) if (t.file.equals(file)) return t;
            throw new IllegalArgumentException("no System V IPC table '" + file + "' (msg, shm or sem)");
        }
    }

    /**
     * One object.
     *
     * @param id      its identifier ({@code msqid}, {@code shmid}, {@code semid}): what ipcrm takes
     * @param key     its key, as ipcs prints it ({@code 0xb0484fb2}; {@code 0x00000000} for IPC_PRIVATE)
     * @param columns every column of its line, by the header's names
     */
    public record IpcObject(Table table, long id, String key, Map<String, String> columns) {
        public IpcObject {
            columns = Map.copyOf(columns);
        }

        /** {@code msqid 0, key 0xb0484fb2, perms 644} */
        public String describe() {
            return table.idColumn() + " " + id + ", key " + key + ", perms " + columns.getOrDefault("perms", "?");
        }
    }

    private SysvIpc() {}

    /** The table as the reader of {@code proc} sees it: the objects of its IPC namespace. */
    public static List<IpcObject> read(ProcFs proc, Table table) {
        Path file = proc.root().resolve("sysvipc").resolve(table.file());
        try {
            return parse(table, Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw KernelException.of("open", file.toString(), "no such file: this kernel has no System V IPC (CONFIG_SYSVIPC)");
        } catch (IOException e) {
            throw KernelException.of("read", file.toString(), String.valueOf(e.getMessage()));
        }
    }

    /** The lines after the header, each by the header's column names. */
    static List<IpcObject> parse(Table table, String text, String where) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) return List.of();
        String[] names = lines.get(0).strip().split("\\s+");
        if (names.length < 3 || !names[0].equals("key") || !names[1].equals(table.idColumn())) {
            throw KernelException.of("parse", where, "expected a header \"key " + table.idColumn() + " perms ...\", got '"
                    + lines.get(0).strip() + "'");
        }
        List<IpcObject> objects = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.strip().split("\\s+");
            if (values.length < names.length) {
                throw KernelException.of("parse", where, "expected " + names.length + " columns, got '" + line.strip() + "'");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) columns.put(names[i], values[i]);
            String key = String.format("0x%08x", Integer.parseInt(values[0]));
            objects.add(new IpcObject(table, Long.parseLong(values[1]), key, columns));
        }
        return List.copyOf(objects);
    }
}
