package jlab.kernel.cgroup;

/**
 * One value to write into one cgroup file.
 *
 * @param controller   the v1 hierarchy whose directory holds the file (v2: the controller, informative)
 * @param skipIfAbsent true for files whose absence means a feature is off
 *                     (swap accounting), where no limit is the honest result
 */
record LimitWrite(String controller, String file, String value, boolean skipIfAbsent) {

    static LimitWrite of(String controller, String file, String value) {
        return new LimitWrite(controller, file, value, false);
    }

    static LimitWrite ifPresent(String controller, String file, String value) {
        return new LimitWrite(controller, file, value, true);
    }
}
