package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A static ELF names no dynamic loader: no PT_INTERP program header. */
class BusyboxImageTest {
    private static final int PT_LOAD = 1;
    private static final int PT_INTERP = 3;
    private static final int PT_NOTE = 4;
    private static final int PT_GNU_STACK = 0x6474e551;

    @TempDir Path tmp;

    /** An ELF header (64-bit, little-endian, x86-64 executable) followed by program headers of these types. */
    private static byte[] elf64(int... programHeaderTypes) {
        int ehsize = 64;
        int phentsize = 56;
        ByteBuffer b = ByteBuffer.allocate(ehsize + phentsize * programHeaderTypes.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */, 1 /* little-endian */, 1 /* EV_CURRENT */});
        b.putShort(0x10, (short) 2);          // e_type: ET_EXEC
        b.putShort(0x12, (short) 62);         // e_machine: EM_X86_64
        b.putLong(0x20, ehsize);              // e_phoff: right after this header
        b.putShort(0x34, (short) ehsize);     // e_ehsize
        b.putShort(0x36, (short) phentsize);  // e_phentsize
        b.putShort(0x38, (short) programHeaderTypes.length); // e_phnum
        for (int i = 0; i < programHeaderTypes.length; i++) {
            b.putInt(ehsize + phentsize * i, programHeaderTypes[i]);
        }
        return b.array();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    @Test
    void an_elf_without_an_interpreter_is_static() throws IOException {
        assertThat(BusyboxImage.isStaticElf(file("static", elf64(PT_LOAD, PT_LOAD, PT_NOTE, PT_GNU_STACK)))).isTrue();
    }

    @Test
    void an_elf_that_names_an_interpreter_is_dynamic() throws IOException {
        assertThat(BusyboxImage.isStaticElf(file("dynamic", elf64(PT_LOAD, PT_INTERP, PT_LOAD)))).isFalse();
    }

    @Test
    void an_interpreter_in_the_last_program_header_is_found() throws IOException {
        assertThat(BusyboxImage.isStaticElf(file("dynamic", elf64(PT_LOAD, PT_LOAD, PT_NOTE, PT_INTERP)))).isFalse();
    }

    @Test
    void a_shell_script_is_not_a_static_elf() throws IOException {
        byte[] script = ("#!/bin/sh\n" + "echo this is no ELF and is long enough to hold an ELF header ...\n").getBytes();
        assertThat(script.length).isGreaterThan(64);
        assertThat(BusyboxImage.isStaticElf(file("script", script))).isFalse();
    }

    @Test
    void a_32_bit_elf_is_not_taken_for_a_static_64_bit_one() throws IOException {
        byte[] elf = elf64(PT_LOAD);
        elf[4] = 1; // ELFCLASS32
        assertThat(BusyboxImage.isStaticElf(file("elf32", elf))).isFalse();
    }

    @Test
    void program_headers_past_the_end_of_the_file_mean_not_static() throws IOException {
        byte[] elf = elf64(PT_LOAD);
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putShort(0x38, (short) 40); // 40 headers, 1 present
        assertThat(BusyboxImage.isStaticElf(file("truncated", elf))).isFalse();
    }

    @Test
    void a_missing_file_is_not_a_static_elf() {
        assertThat(BusyboxImage.isStaticElf(tmp.resolve("nothing-here"))).isFalse();
    }

    @Test
    void the_running_java_binary_is_dynamic() {
        // A real ELF with a PT_INTERP: the JDK's launcher is linked against the host's libc.
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        assumeTrue(Files.isRegularFile(java), "the JVM's executable is not visible at " + java);
        assertThat(BusyboxImage.isStaticElf(java)).isFalse();
    }
}
