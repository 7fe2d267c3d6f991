package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.EngineException;
import jlab.engine.image.Passwd.User;

/** --user is resolved from the image's own /etc/passwd and /etc/group, never the host's. */
class PasswdTest {
    @TempDir Path rootfs;

    @BeforeEach
    void anImageWithUsersAndGroups() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), """
                root:x:0:0:root:/var/root:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                web:x:1000:1000:web server:/home/web:/bin/sh
                """);
        Files.writeString(rootfs.resolve("etc/group"), """
                root:x:0:
                staff:x:50:web
                nogroup:x:65534:
                """);
    }

    @Test
    void no_user_is_root_with_the_home_the_image_gives_root() {
        assertThat(Passwd.resolve(rootfs, null)).isEqualTo(new User(0, 0, "/var/root"));
        assertThat(Passwd.resolve(rootfs, "")).isEqualTo(new User(0, 0, "/var/root"));
    }

    @Test
    void no_user_in_an_image_without_passwd_is_root_with_home_slash_root() throws IOException {
        Files.delete(rootfs.resolve("etc/passwd"));
        assertThat(Passwd.resolve(rootfs, null)).isEqualTo(User.ROOT);
    }

    @Test
    void a_name_takes_uid_gid_and_home_from_passwd() {
        assertThat(Passwd.resolve(rootfs, "nobody")).isEqualTo(new User(65534, 65534, "/nonexistent"));
    }

    @Test
    void a_uid_listed_in_passwd_takes_its_gid_and_home() {
        assertThat(Passwd.resolve(rootfs, "1000")).isEqualTo(new User(1000, 1000, "/home/web"));
    }

    @Test
    void an_unknown_numeric_uid_runs_with_gid_0_and_home_slash() {
        assertThat(Passwd.resolve(rootfs, "1234")).isEqualTo(new User(1234, 0, "/"));
    }

    @Test
    void a_numeric_group_overrides_the_gid() {
        assertThat(Passwd.resolve(rootfs, "1234:55")).isEqualTo(new User(1234, 55, "/"));
        assertThat(Passwd.resolve(rootfs, "web:55")).isEqualTo(new User(1000, 55, "/home/web"));
    }

    @Test
    void a_group_name_is_looked_up_in_the_images_group_file() {
        assertThat(Passwd.resolve(rootfs, "nobody:nogroup")).isEqualTo(new User(65534, 65534, "/nonexistent"));
        assertThat(Passwd.resolve(rootfs, "web:staff")).isEqualTo(new User(1000, 50, "/home/web"));
    }

    @Test
    void an_unknown_user_name_is_refused() {
        assertThatThrownBy(() -> Passwd.resolve(rootfs, "alice"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("unable to find user alice");
    }

    @Test
    void an_unknown_group_name_is_refused() {
        assertThatThrownBy(() -> Passwd.resolve(rootfs, "web:wheel"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("unable to find group wheel");
    }

    @Test
    void a_user_name_is_never_looked_up_on_the_host() throws IOException {
        Files.delete(rootfs.resolve("etc/passwd"));
        // "root" exists on every host; an image without /etc/passwd knows no user names.
        assertThatThrownBy(() -> Passwd.resolve(rootfs, "root"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("unable to find user root");
    }
}
