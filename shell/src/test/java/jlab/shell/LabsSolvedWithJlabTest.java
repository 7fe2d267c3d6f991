package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The labs a jlab container solves as it is: the checks find jlab's work by
 * looking at the kernel, exactly as they find the work of unshare and mount
 * (the labs module's tests). Each lab is checked before (not passed: exit 1)
 * and with the container running (exit 0).
 */
class LabsSolvedWithJlabTest extends RealJlabTest {

    private void solvedBy(String lab, List<String> runFlags) {
        assertThat(jlab.run("lab", "start", lab).exitCode()).isZero();
        List<String> run = new java.util.ArrayList<>(List.of("run", "-d", "--name", "solver"));
        run.addAll(runFlags);
        run.addAll(List.of("busybox", "sleep", "300"));
        try {
            assertThat(jlab.run(run.toArray(new String[0])).exitCode()).as(String.join(" ", run)).isZero();
            JlabProcess.Result check = jlab.run("lab", "check", "--lang", "en", lab);
            assertThat(check.exitCode()).as(check.out()).isZero();
            assertThat(check.out()).contains("Passed  " + lab);
        } finally {
            jlab.run("rm", "-f", "solver");
            assertThat(jlab.run("lab", "reset", lab).exitCode()).isZero();
        }
    }

    @Test
    void a_container_is_pid_1_of_its_own_namespace_with_its_own_proc() {
        solvedBy("pid-namespace", List.of());
    }

    @Test
    void tmpfs_at_mnt_jlab_private_is_a_private_mount() {
        solvedBy("mount-namespace", List.of("--tmpfs", "/mnt/jlab-private"));
    }

    @Test
    void a_read_only_volume_is_the_bind_mount_lab() {
        solvedBy("bind-mount", List.of("-v", "/srv/jlab/data:/data:ro"));
    }

    @Test
    void userns_maps_root_to_100000() {
        solvedBy("user-namespace", List.of("--userns"));
    }

    /**
     * ipc-namespace with jlab: the busybox image has no ipcmk, so the container is built step by
     * step, and before pivot-root its exec runs the host's ipcmk in the container's namespaces —
     * the lines the lab's instructions pipe into ./jlab. (cgroup-namespace has no jlab answer:
     * jlab names its containers' cgroups itself, the lab asks for jlab-cgns.)
     */
    @Test
    void a_container_built_step_by_step_holds_a_message_queue_in_its_own_ipc_namespace() {
        assertThat(jlab.run("lab", "start", "ipc-namespace").exitCode()).isZero();
        try {
            JlabProcess.Result r = jlab.runWithInput("new ipcbox\nunshare ipc\nexec ipcmk -Q\nlab check --lang en ipc-namespace\nrm -f ipcbox\n");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("is in an IPC namespace of its own, which holds msqid 0").contains("Passed  ipc-namespace  5/5");
        } finally {
            jlab.run("rm", "-f", "ipcbox");
            assertThat(jlab.run("lab", "reset", "ipc-namespace").exitCode()).isZero();
        }
    }
}
