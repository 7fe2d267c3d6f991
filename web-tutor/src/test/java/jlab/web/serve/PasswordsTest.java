package jlab.web.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void a_hash_is_pbkdf2_with_210000_iterations_and_a_salt_of_its_own() {
        Passwords p = new Passwords();
        String a = p.hash("correct horse battery");
        String b = p.hash("correct horse battery");
        assertThat(a).startsWith("pbkdf2-sha256$210000$").isNotEqualTo(b);
        assertThat(p.verify("correct horse battery", a)).isTrue();
        assertThat(p.verify("correct horse batterY", a)).isFalse();
        assertThat(p.verify("x", "garbage")).isFalse();
    }

    @Test
    void an_old_hash_still_verifies_and_is_marked_for_rehashing() {
        String old = new Passwords(1000).hash("pw");
        assertThat(new Passwords().verify("pw", old)).isTrue();
        assertThat(new Passwords().outdated(old)).isTrue();
        assertThat(new Passwords().outdated(new Passwords().hash("pw"))).isFalse();
    }
}
