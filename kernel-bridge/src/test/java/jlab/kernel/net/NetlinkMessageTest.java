package jlab.kernel.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bytes of rtnetlink requests, computed by hand from the kernel's struct layouts (little-endian host). */
class NetlinkMessageTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String... lines) {
        return HEX.parseHex(String.join("", lines).replace(" ", ""));
    }

    @Test
    void a_veth_request_is_header_ifinfomsg_and_three_nested_attributes() {
        byte[] bytes = RtNetlink.newVeth("jl0", "jl1", 0, 0).bytes(1);

        assertThat(HEX.formatHex(bytes)).isEqualTo(HEX.formatHex(hex(
                // nlmsghdr: len 88, type RTM_NEWLINK (16), flags REQUEST|EXCL|CREATE (0x601), seq 1, pid 0
                "58000000 1000 0106 01000000 00000000",
                // ifinfomsg: family AF_UNSPEC, pad, type 0, index 0, flags 0, change 0
                "00 00 0000 00000000 00000000 00000000",
                // IFLA_IFNAME (3), len 8 = 4 + "jl0\0"
                "0800 0300 6a6c3000",
                // IFLA_LINKINFO (18), len 48 = everything up to the end of the message
                "3000 1200",
                //   IFLA_INFO_KIND (1), len 9 = 4 + "veth\0", then 3 bytes of padding
                "0900 0100 76657468 00 000000",
                //   IFLA_INFO_DATA (2), len 32
                "2000 0200",
                //     VETH_INFO_PEER (1), len 28 = 4 + ifinfomsg 16 + IFLA_IFNAME 8
                "1c00 0100",
                "00 00 0000 00000000 00000000 00000000",
                "0800 0300 6a6c3100")));
    }

    @Test
    void a_peer_namespace_pid_goes_inside_the_peer_nest_and_lengthens_all_three_nests() {
        byte[] bytes = RtNetlink.newVeth("jl0", "jl1", Rtnl.IFLA_NET_NS_PID, 4242).bytes(7);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(b.getInt(0)).as("nlmsg_len").isEqualTo(96);
        assertThat(b.getShort(40)).as("IFLA_LINKINFO len").isEqualTo((short) 56);
        assertThat(b.getShort(56)).as("IFLA_INFO_DATA len").isEqualTo((short) 40);
        assertThat(b.getShort(60)).as("VETH_INFO_PEER len").isEqualTo((short) 36);
        // the last attribute: IFLA_NET_NS_PID (19), len 8, value 4242
        assertThat(b.getShort(88)).isEqualTo((short) 8);
        assertThat(b.getShort(90)).isEqualTo((short) 19);
        assertThat(b.getInt(92)).isEqualTo(4242);
    }

    @Test
    void an_ipv4_address_is_an_ifaddrmsg_and_two_four_byte_addresses_in_network_order() {
        byte[] address = RtNetlink.ipv4("10.0.0.1");
        byte[] bytes = NetlinkMessage.request(Rtnl.RTM_NEWADDR, 0)
                .ifaddrmsg(Rtnl.AF_INET, 24, 0, 5)
                .attr(Rtnl.IFA_LOCAL, address)
                .attr(Rtnl.IFA_ADDRESS, address)
                .bytes(2);

        assertThat(HEX.formatHex(bytes)).isEqualTo(HEX.formatHex(hex(
                "28000000 1400 0100 02000000 00000000", // len 40, RTM_NEWADDR (20), REQUEST, seq 2
                "02 18 00 00 05000000",                  // AF_INET, /24, flags 0, scope universe, index 5
                "0800 0200 0a000001",                    // IFA_LOCAL 10.0.0.1
                "0800 0100 0a000001")));                 // IFA_ADDRESS 10.0.0.1
    }

    @Test
    void a_default_route_is_an_rtmsg_with_destination_length_zero_and_a_gateway() {
        byte[] bytes = NetlinkMessage.request(Rtnl.RTM_NEWROUTE, 0)
                .rtmsg(Rtnl.AF_INET, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BOOT, Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNICAST)
                .attr(Rtnl.RTA_GATEWAY, RtNetlink.ipv4("10.0.0.1"))
                .bytes(3);

        assertThat(HEX.formatHex(bytes)).isEqualTo(HEX.formatHex(hex(
                "24000000 1800 0100 03000000 00000000", // len 36, RTM_NEWROUTE (24)
                "02 00 00 00 fe 03 00 01 00000000",     // AF_INET, dst/0, table main, proto boot, universe, unicast
                "0800 0500 0a000001")));                 // RTA_GATEWAY 10.0.0.1
    }

    @Test
    void an_unclosed_nest_is_refused() {
        NetlinkMessage m = NetlinkMessage.request(Rtnl.RTM_NEWLINK, 0).begin(Rtnl.IFLA_LINKINFO);
        assertThatThrownBy(() -> m.bytes(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_datagram_is_cut_into_aligned_messages_and_a_link_is_read_from_its_attributes() {
        // An RTM_NEWLINK as a dump sends it: index 7, IFF_UP, name "jl0", master 3, kind "veth"; then NLMSG_DONE.
        byte[] datagram = hex(
                "40000000 1000 0200 09000000 00000000",  // len 64, RTM_NEWLINK, NLM_F_MULTI, seq 9
                "00 00 0100 07000000 01000000 00000000", // ifinfomsg: index 7, flags IFF_UP
                "0800 0300 6a6c3000",                    // IFLA_IFNAME "jl0"
                "0800 0a00 03000000",                    // IFLA_MASTER 3
                "1000 1200 0900 0100 76657468 00 000000", // IFLA_LINKINFO { IFLA_INFO_KIND "veth" }
                "14000000 0300 0200 09000000 00000000 00000000"); // NLMSG_DONE, len 20 (an int after the header)

        List<NetlinkSocket.Received> messages = NetlinkSocket.parse(datagram);

        assertThat(messages).extracting(NetlinkSocket.Received::type).containsExactly(Rtnl.RTM_NEWLINK, Rtnl.NLMSG_DONE);
        assertThat(RtNetlink.link(messages.get(0).body())).isEqualTo(new Link(7, "jl0", true, "veth", 3));
    }

    @Test
    void an_error_answer_carries_minus_errno_our_header_and_the_kernels_message() {
        byte[] datagram = hex(
                "2c000000 0200 0003 05000000 00000000", // len 44, NLMSG_ERROR, NLM_F_CAPPED|NLM_F_ACK_TLVS, seq 5
                "efffffff",                             // error: -17 = -EEXIST
                "14000000 1000 0506 05000000 00000000", // our request's header, echoed (CAPPED: the header only)
                "0800 0100 62616400");                  // NLMSGERR_ATTR_MSG "bad"
        NetlinkSocket.Received answer = NetlinkSocket.parse(datagram).get(0);

        assertThatThrownBy(() -> NetlinkSocket.checkError(answer, "RTM_NEWLINK", "ip link add jl0 type bridge"))
                .isInstanceOf(jlab.kernel.KernelException.class)
                .hasMessage("RTM_NEWLINK(ip link add jl0 type bridge): EEXIST (File exists) — a link with that name"
                        + " already exists (ip -o link shows it): pick another name or delete it (the kernel says: bad)");
    }

    @Test
    void a_zero_error_is_an_ack() {
        byte[] datagram = hex("24000000 0200 0001 05000000 00000000", "00000000", "14000000 1000 0506 05000000 00000000");
        NetlinkSocket.checkError(NetlinkSocket.parse(datagram).get(0), "RTM_NEWLINK", "");
    }

    @Test
    void the_shell_equivalents_are_the_iproute2_commands() {
        assertThat(NetOp.createVeth("jl0", "jl1").ipCommand()).isEqualTo("ip link add jl0 type veth peer name jl1");
        assertThat(NetOp.setMaster("jl0", "jlbr0").ipCommand()).isEqualTo("ip link set jl0 master jlbr0");
        assertThat(NetOp.addAddress("jl0", "10.0.0.1/24").ipCommand()).isEqualTo("ip addr add 10.0.0.1/24 dev jl0");
        assertThat(NetOp.addDefaultRoute("10.0.0.1").ipCommand()).isEqualTo("ip route add default via 10.0.0.1");
    }
}
