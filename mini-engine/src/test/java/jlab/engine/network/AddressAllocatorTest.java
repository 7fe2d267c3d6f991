package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressAllocatorTest {
    @TempDir Path tmp;

    private AddressAllocator allocator(String subnet) {
        Subnet s = Subnet.parse(subnet);
        return new AddressAllocator(tmp.resolve("addresses"), s, s.host(1));
    }

    @Test
    void hands_out_the_lowest_free_address_skipping_the_gateway_and_reuses_a_freed_one() {
        AddressAllocator a = allocator("10.89.0.0/24");
        assertThat(a.allocate("one", tmp)).hasToString("10.89.0.2");
        assertThat(a.allocate("two", tmp)).hasToString("10.89.0.3");
        a.release(Ipv4.parse("10.89.0.2"), "one", tmp);
        assertThat(a.allocate("three", tmp)).hasToString("10.89.0.2");
        assertThat(a.taken()).containsEntry("10.89.0.3", "two " + tmp);
    }

    @Test
    void only_the_holder_frees_an_address() {
        AddressAllocator a = allocator("10.89.0.0/24");
        a.allocate("one", tmp);
        a.release(Ipv4.parse("10.89.0.2"), "someone-else", tmp);
        assertThat(a.taken()).containsKey("10.89.0.2");
    }

    @Test
    void a_full_subnet_says_so() {
        AddressAllocator a = allocator("10.89.0.0/30"); // .1 the gateway, .2 the only container
        a.allocate("one", tmp);
        assertThatThrownBy(() -> a.allocate("two", tmp)).hasMessageContaining("no free address left in 10.89.0.0/30");
    }

    @Test
    void allocators_racing_on_one_directory_never_hand_out_an_address_twice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Ipv4>> got = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "c" + i;
                // a new allocator each time: as separate jlab processes, sharing only the directory
                Callable<Ipv4> task = () -> allocator("10.89.0.0/16").allocate(id, tmp);
                got.add(pool.submit(task));
            }
            Set<Ipv4> distinct = new HashSet<>();
            for (Future<Ipv4> f : got) distinct.add(f.get());
            assertThat(distinct).hasSize(200);
            assertThat(allocator("10.89.0.0/16").taken()).hasSize(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
