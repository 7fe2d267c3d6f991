package jlab.engine.volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.state.ContainerStore;

/**
 * {@code jlab volume create/ls/inspect/rm}, and what the engine does with volumes when a container goes:
 * which containers use a volume is read from their saved specs (config.json), never from memory, so any
 * jlab process, at any time, sees the same answer.
 */
public final class Volumes {
    private final ContainerStore containers;
    private final VolumeStore store;

    public Volumes(ContainerStore containers) {
        this.containers = containers;
        this.store = new VolumeStore(containers.stateDir());
    }

    public VolumeStore store() { return store; }

    /** {@code volume create [NAME]}: the name (a random one without NAME). */
    public String create(String name) {
        return store.create(name == null ? VolumeStore.randomName() : MountParser.volumeName(name));
    }

    public List<Volume> list() {
        List<Volume> all = new ArrayList<>();
        for (String n : store.names()) store.find(n, usersOf(n)).ifPresent(all::add);
        return all;
    }

    public Volume inspect(String name) {
        return store.find(MountParser.volumeName(name), usersOf(name))
                .orElseThrow(() -> new EngineException("No such volume: " + name, 1));
    }

    /**
     * {@code volume rm NAME}: refused while a container that exists (running or not) mounts it, with
     * Docker's line; the data goes with the volume.
     */
    public void remove(String name) {
        MountParser.volumeName(name);
        if (!store.exists(name)) throw new EngineException("No such volume: " + name, 1);
        List<String> users = usersOf(name);
        if (!users.isEmpty()) {
            List<String> shortIds = users.stream().map(id -> id.substring(0, Math.min(12, id.length()))).toList();
            throw new EngineException("remove " + name + ": volume is in use - " + shortIds
                    + " (remove " + (users.size() == 1 ? "that container" : "those containers") + " first: jlab rm "
                    + String.join(" ", shortIds) + ")", 1);
        }
        store.delete(name);
    }

    /** A container's mounts, for {@code inspect}: from its spec and id alone. */
    public List<MountView> mountsOf(String containerId, ContainerSpec spec) {
        return spec.mounts().stream().map(m -> MountView.of(m, containerId, store)).toList();
    }

    /**
     * {@code volume prune}: removes the volumes no container uses — the anonymous ones only, as Docker 23+,
     * or every unused one with {@code all}. Returns the names removed.
     */
    public List<String> prune(boolean all) {
        List<String> removed = new ArrayList<>();
        for (Volume v : list()) {
            if (v.usedBy().isEmpty() && (all || v.anonymous())) {
                store.delete(v.name());
                removed.add(v.name());
            }
        }
        return removed;
    }

    /** The ids of the containers whose spec mounts {@code name}. */
    public List<String> usersOf(String name) {
        List<String> users = new ArrayList<>();
        for (String id : containers.ids()) {
            containers.loadConfig(id).ifPresent(spec -> {
                for (MountSpec m : spec.mounts()) {
                    if (m.type() == MountSpec.Type.VOLUME && VolumeStore.nameFor(m, id).equals(name)) {
                        users.add(id);
                        return;
                    }
                }
            });
        }
        return users;
    }

    /**
     * Removes the anonymous volumes of container {@code id} ({@code rm -v}, {@code --rm}, as Docker): derived from
     * its spec alone, so that the jlab removing a container need not be the one that made it. Named volumes stay.
     * Idempotent. Returns the names removed.
     */
    public List<String> removeAnonymous(String id, ContainerSpec spec) {
        List<String> removed = new ArrayList<>();
        for (MountSpec m : spec.mounts()) {
            if (!m.anonymous()) continue;
            String name = VolumeStore.anonymousName(id, m.target());
            if (store.exists(name) || Files.exists(store.root().resolve(name))) {
                store.delete(name);
                removed.add(name);
            }
        }
        return removed;
    }

    /**
     * For gc: a volume whose removal a crash interrupted ({@code volumes/.removing-NAME-PID}, see
     * {@link VolumeStore#delete}) is finished off once its jlab is gone.
     */
    public List<String> sweep() {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(store.root())) return removed;
        try (var dirs = Files.newDirectoryStream(store.root(), ".removing-*")) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                String pid = name.substring(name.lastIndexOf('-') + 1);
                boolean alive = pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).isPresent();
                if (alive) continue;
                ContainerStore.deleteTree(d);
                removed.add("volume directory " + name + " (its removal was interrupted)");
            }
        } catch (java.io.IOException e) {
            removed.add("(could not read " + store.root() + ": " + e.getMessage() + ")");
        }
        return removed;
    }

    /** A --mount bind's source must exist (Docker refuses it; -v creates a missing directory at start). */
    public static void checkSources(ContainerSpec spec) {
        MountParser.checkTargets(spec.mounts());
        for (MountSpec m : spec.mounts()) {
            if (m.type() == MountSpec.Type.BIND && !m.createHostDir() && !Files.exists(Path.of(m.source()))) {
                throw new EngineException("invalid mount config for type \"bind\": bind source path does not exist: "
                        + m.source() + " (create it first, or use -v, which creates a missing directory)");
            }
        }
    }
}
