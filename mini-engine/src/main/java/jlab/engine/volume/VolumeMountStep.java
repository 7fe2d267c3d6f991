package jlab.engine.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.UserNamespaceStep;

/**
 * {@code -v data:/data}, {@code -v /data}, {@code --mount type=volume,...}: a directory jlab keeps under its
 * state directory ({@code volumes/NAME/_data}), bind-mounted into the container. It is not part of the
 * container's overlay, so it outlives the container; the next container that names it sees its files.
 *
 * <p>A named volume is made on first use; an anonymous one ({@code -v /data}) gets a name derived from the
 * container's id and is removed with the container by {@code rm -v} and {@code --rm}.
 *
 * <p>As Docker does: when the volume is empty, the image's files at the target are first copied into it
 * (with their owners and modes), so that {@code -v data:/etc/app} starts from the image's configuration
 * instead of hiding it under an empty directory. {@code nocopy} ({@code volume-nocopy}) skips that.
 */
public final class VolumeMountStep extends UserMountStep {
    public VolumeMountStep(MountSpec mount) { super(mount); }

    @Override
    public String name() {
        return "volume " + (mount.anonymous() ? "(anonymous)" : mount.source()) + ":" + mount.target() + (mount.readOnly() ? ":ro" : "");
    }

    private String volumeName(ContainerBuild b) { return VolumeStore.nameFor(mount, b.id()); }

    @Override
    public Explanation explain(ContainerBuild b) {
        String data = new VolumeStore(b.stateDir()).data(volumeName(b)).toString();
        String target = planned(b, mount.target());
        String which = mount.anonymous() ? "an anonymous volume (removed with the container by rm -v or --rm)"
                : "the volume " + mount.source() + " (made now if it does not exist)";
        return new Explanation(
                "Mount " + which + " at " + mount.target() + ": a directory of jlab's, " + data + ", bind-mounted;"
                        + " it outlives the container." + (mount.noCopy() ? ""
                        : " If it is empty, the image's files at " + mount.target() + " are first copied into it, as Docker does.")
                        + (mount.readOnly() ? READ_ONLY : "") + RESOLVED,
                (mount.noCopy() ? "" : "(if empty: copy the image's " + mount.target() + " into it) ")
                        + BindCalls.syscalls(data, target, mount.readOnly()),
                "mkdir -p " + data + (mount.noCopy() ? "" : " && cp -a " + target + "/. " + data)
                        + " && " + BindCalls.shell(data, target, mount.readOnly()),
                "ls " + data + " on the host — the files the container wrote there; " + lookAt(b));
    }

    @Override
    public void apply(ContainerBuild b) {
        VolumeStore volumes = new VolumeStore(b.stateDir());
        String name = volumeName(b);
        boolean made = volumes.make(name, mount.anonymous() ? b.id() : null);
        TargetResolver r = resolver(b);
        String resolved = r.resolve(mount.target());
        Path imageSide = r.hostPath(resolved);
        if (!mount.noCopy() && Files.isDirectory(imageSide, LinkOption.NOFOLLOW_LINKS) && volumes.isEmpty(name)) {
            TreeCopy.copy(imageSide, volumes.data(name));
        }
        if (made && b.spec().userns()) giveToContainerRoot(volumes.data(name));
        r.ensure(resolved, true);
        b.helper().pipeline(BindCalls.requests(volumes.data(name).toString(), b.path(resolved), mount.readOnly()));
    }

    /**
     * With --userns the container's root is host uid 100000: a volume made for it belongs to that uid, as
     * Docker's userns-remap makes its volumes, or its root could not write there. (The files copied from
     * the image keep their owners, as the image's own files do: see the README's known limits.)
     */
    private static void giveToContainerRoot(Path data) {
        try {
            Files.setAttribute(data, "unix:uid", (int) UserNamespaceStep.HOST_ID_BASE);
            Files.setAttribute(data, "unix:gid", (int) UserNamespaceStep.HOST_ID_BASE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give the volume " + data + " to the container's root: " + e.getMessage(), e);
        }
    }
}
