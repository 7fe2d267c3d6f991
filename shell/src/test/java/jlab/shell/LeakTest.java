package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jlab.engine.state.StateDir;
import org.junit.jupiter.api.Test;

/**
 * Nothing leaks: many runs leave the host's mount table, cgroup trees and the
 * state directory exactly as they were, and a jlab killed mid-run leaves
 * nothing that the next jlab (or jlab gc) does not remove.
 */
class LeakTest extends RealJlabTest {

    @Test
    void two_hundred_runs_leave_the_host_as_it_was() {
        HostSnapshot before = HostSnapshot.take(state);
        String line = "run --rm --memory 64m --pids-limit 64 --cpus 1 busybox sh -c 'echo $$ > /tmp/pid; cat /tmp/pid'\n";
        var r = jlab.runWithInput(line.repeat(200));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(200).containsOnly("1");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_jlab_killed_mid_run_leaves_nothing_that_gc_does_not_remove() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        String secs = uniqueSeconds();
        Process p = jlab.builder(List.of("run", "--rm", "--memory", "64m", "busybox", "sleep", secs)).start();
        long sleepPid = awaitProcess("sleep " + secs);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // kill -9 jlab
        // the container dies with it (PR_SET_PDEATHSIG): nothing of it runs
        for (int i = 0; i < 100 && runs(sleepPid); i++) Thread.sleep(20);
        assertThat(runs(sleepPid)).as("the container's process runs on").isFalse();
        assertThat(HostSnapshot.take(state).changesSince(before)).as("the cgroup and directory remain until gc").isNotEmpty();
        var gc = jlab.run("gc");
        assertThat(gc.out()).contains("removed cgroup " + new StateDir(state).cgroupParent() + "/").contains("removed container");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void the_next_jlab_cleans_up_on_its_own() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        String secs = uniqueSeconds();
        Process p = jlab.builder(List.of("run", "--rm", "busybox", "sleep", secs)).start();
        awaitProcess("sleep " + secs);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(jlab.run("ps").exitCode()).isZero(); // any command that opens the engine
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_hundred_bridge_runs_with_a_published_port_leave_no_link_rule_address_route_or_claim() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        int port = BridgeNetworkTest.freePort();
        String line = "run --rm --network bridge -p " + port + ":80 busybox sh -c 'ip -4 -o addr show eth0 | wc -l'\n";
        var r = jlab.runWithInput(line.repeat(100));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(100).containsOnly("1");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_jlab_killed_mid_run_on_the_bridge_with_a_published_port_leaves_nothing_that_gc_does_not_remove() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        int port = BridgeNetworkTest.freePort();
        String secs = uniqueSeconds();
        Process p = jlab.builder(List.of("run", "--rm", "-p", port + ":80", "busybox", "sleep", secs)).start();
        awaitProcess("sleep " + secs);
        HostSnapshot during = HostSnapshot.take(state);
        assertThat(during.links()).as("the veth").hasSizeGreaterThan(before.links().size());
        assertThat(during.rules()).as("the DNAT rule").hasSize(before.rules().size() + 1);
        assertThat(during.claims()).as("the address and the port").hasSize(before.claims().size() + 2);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // kill -9 jlab
        var gc = jlab.run("gc");
        assertThat(gc.out()).contains("removed network endpoint vj");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void gc_removes_rules_and_claims_that_no_container_accounts_for() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        String ghost = "0badc0de" + "0".repeat(56);
        String tag = "jlab:" + new StateDir(state).cgroupParent() + ":container:" + ghost;
        BridgeNetworkTest.sh(NetfilterTool.addStrayRule(tag, NetfilterTool.nft()));
        Path claim = Path.of("/run/jlab/networks/jlab0/addresses/10.88.255.254");
        Files.createDirectories(claim.getParent());
        Files.writeString(claim, ghost + " " + state);
        assertThat(HostSnapshot.take(state).changesSince(before)).isNotEmpty();
        var gc = jlab.run("gc");
        assertThat(gc.out()).contains("removed rules " + tag).contains("removed claim " + claim);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    /** A sleep no other process of the host has: others (other tests, other people) may sleep 300 too. */
    static String uniqueSeconds() {
        return Long.toString(300_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(900_000));
    }

    /**
     * Whether a process still runs: gone, or a zombie (dead, waiting for its new parent, the
     * machine's init, to reap it: this VM's init does so lazily), it does not.
     */
    private static boolean runs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    /** The host pid of a process whose command line is {@code cmdline} (spaces for NULs). */
    static long awaitProcess(String cmdline) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    if (!d.getFileName().toString().chars().allMatch(Character::isDigit)) continue;
                    try {
                        String c = Files.readString(d.resolve("cmdline")).replace('\0', ' ').strip();
                        if (c.equals(cmdline)) return Long.parseLong(d.getFileName().toString());
                    } catch (java.io.IOException gone) {
                        // exited meanwhile
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no process \"" + cmdline + "\" appeared");
    }
}
