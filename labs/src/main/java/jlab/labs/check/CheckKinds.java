package jlab.labs.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.labs.yaml.Signature;

/**
 * Every kind of check a lab.yaml may name. A new kind is one class here; a
 * new lab that uses existing kinds is only data.
 */
public final class CheckKinds {
    private static final Map<String, CheckKind> ALL = new LinkedHashMap<>();

    static {
        for (CheckKind k : List.of(new UtsHostnameCheck(), new HostnameUnchangedCheck(),
                new CgroupLimitCheck(), new CgroupProcessCheck(), new PidOneCheck(), new OwnProcCheck(),
                new PrivateMountCheck(), new UidMapCheck(), new OverlayMountCheck(), new OverlayChangeCheck(),
                new PivotRootCheck(), new ContainerProcessCheck(), new IpcObjectCheck(), new CgroupNamespaceCheck(),
                new NetnsExistsCheck(), new VethPeerCheck(), new LinkAddressCheck(), new PingCheck(), new BridgeCheck(),
                new BridgePortCheck(), new DefaultRouteCheck(), new TcpListenCheck(), new HttpFileCheck())) {
            ALL.put(k.signature().kind(), k);
        }
    }

    private CheckKinds() {}

    public static CheckKind get(String kind) { return ALL.get(kind); }

    public static Map<String, Signature> signatures() {
        Map<String, Signature> s = new LinkedHashMap<>();
        ALL.forEach((name, kind) -> s.put(name, kind.signature()));
        return s;
    }
}
