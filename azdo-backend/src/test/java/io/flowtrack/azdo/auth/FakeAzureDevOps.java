package io.flowtrack.azdo.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Azure DevOps on 127.0.0.1 and a free port, answering {@code /{org}/_apis/connectionData} and
 * {@code /{org}/_apis/projects/{id}} like the real service: the response shapes follow the ConnectionData type
 * and the documented project responses. Without {@code X-TFS-FedAuthRedirect: Suppress} an unauthenticated call
 * gets 203 and an HTML sign-in page, as the real service does.
 */
final class FakeAzureDevOps implements AutoCloseable {
    enum Mode { NORMAL, SIGN_IN_PAGE_203, HTML_200, STATUS_401, STATUS_500, SLOW, REDIRECT, NOT_JSON_200 }

    record Org(String instanceId, Set<String> projects) {
    }

    /** A user and the organizations their access token opens. */
    record User(String id, Set<String> orgs) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-azure-devops");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Org> orgs = new ConcurrentHashMap<>();
    private final Map<String, User> tokens = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> fedAuthHeaders = new CopyOnWriteArrayList<>();
    volatile Mode connectionDataMode = Mode.NORMAL;
    volatile Mode projectMode = Mode.NORMAL;
    /** When set, connectionData reports this instanceId instead of the organization's own. */
    volatile String instanceIdOverride;

    FakeAzureDevOps() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    FakeAzureDevOps org(String name, String instanceId, String... projectIds) {
        orgs.put(name, new Org(instanceId, Set.of(projectIds)));
        return this;
    }

    FakeAzureDevOps user(String accessToken, String userId, String... orgNames) {
        tokens.put(accessToken, new User(userId, Set.of(orgNames)));
        return this;
    }

    URI url(String org) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + org);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            paths.add(ex.getRequestURI().toString());
            String fedAuth = ex.getRequestHeaders().getFirst("X-TFS-FedAuthRedirect");
            fedAuthHeaders.add(String.valueOf(fedAuth));
            String[] seg = path.split("/"); // "", org, "_apis", ...
            Org org = seg.length >= 4 ? orgs.get(seg[1]) : null;
            if (org == null || !"_apis".equals(seg[2])) {
                send(ex, 404, "application/json", "{\"message\":\"not found\"}");
                return;
            }
            boolean connectionData = seg.length == 4 && seg[3].equals("connectionData");
            boolean project = seg.length == 5 && seg[3].equals("projects");
            Mode mode = connectionData ? connectionDataMode : projectMode;
            if (mode != Mode.NORMAL && answerOddly(ex, mode)) {
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            User user = auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
            if (user == null || !user.orgs().contains(seg[1])) {
                if ("Suppress".equals(fedAuth)) {
                    send(ex, 401, "application/json", "{\"$id\":\"1\",\"innerException\":null,\"message\":"
                            + "\"TF400813: The user '' is not authorized to access this resource.\","
                            + "\"typeName\":\"Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException\"}");
                } else {
                    signInPage(ex, 203);
                }
                return;
            }
            if (connectionData) {
                String instance = instanceIdOverride != null ? instanceIdOverride : org.instanceId();
                send(ex, 200, "application/json; charset=utf-8; api-version=7.1", connectionData(user.id(), instance));
            } else if (project && org.projects().contains(seg[4].toLowerCase())) {
                send(ex, 200, "application/json; charset=utf-8; api-version=7.1", project(seg[1], seg[4]));
            } else if (project) {
                send(ex, 404, "application/json; charset=utf-8", "{\"$id\":\"1\",\"innerException\":null,"
                        + "\"message\":\"TF200016: The following project does not exist: " + seg[4] + ". Verify that"
                        + " the name of the project is correct and that the project exists on the specified Azure"
                        + " DevOps Server.\",\"typeName\":\"Microsoft.TeamFoundation.Core.WebApi."
                        + "ProjectDoesNotExistException\",\"errorCode\":0,\"eventId\":3000}");
            } else {
                send(ex, 404, "application/json", "{\"message\":\"not found\"}");
            }
        }
    }

    private boolean answerOddly(HttpExchange ex, Mode mode) throws IOException {
        switch (mode) {
            case SIGN_IN_PAGE_203 -> signInPage(ex, 203);
            case HTML_200 -> signInPage(ex, 200);
            case STATUS_401 -> send(ex, 401, "application/json", "{\"message\":\"TF400813\"}");
            case STATUS_500 -> send(ex, 500, "application/json", "{\"message\":\"VS402371: internal error\"}");
            case NOT_JSON_200 -> send(ex, 200, "application/json", "<<not json>>");
            case REDIRECT -> {
                ex.getResponseHeaders().add("Location", "https://login.microsoftonline.com/");
                send(ex, 302, "text/html", "");
            }
            case SLOW -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false; // then answers normally, too late
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void signInPage(HttpExchange ex, int status) throws IOException {
        send(ex, status, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Azure DevOps Services |"
                + " Sign In</title></head><body><form action=\"https://login.microsoftonline.com\"></form></body></html>");
    }

    static String connectionData(String userId, String instanceId) {
        String user = "{\"id\":\"" + userId + "\",\"descriptor\":\"Microsoft.IdentityModel.Claims.ClaimsIdentity;"
                + Tokens.TENANT + "\\\\someone@fabrikam.com\",\"subjectDescriptor\":\"aad.ZWI4NzA2NDEtNTNkYy03\","
                + "\"providerDisplayName\":\"Some One\",\"isActive\":true,\"properties\":{\"Account\":{\"$type\":"
                + "\"System.String\",\"$value\":\"someone@fabrikam.com\"}},\"resourceVersion\":2,\"metaTypeId\":0}";
        return "{\"authenticatedUser\":" + user + ",\"authorizedUser\":" + user + ",\"instanceId\":\"" + instanceId
                + "\",\"deploymentId\":\"1e2dbf2f-3d3c-4d4b-8c8f-2f3f4f5f6f7f\",\"deploymentType\":\"hosted\","
                + "\"lastUserAccess\":\"2025-11-20T09:12:44.203Z\",\"locationServiceData\":{\"serviceOwner\":"
                + "\"00025394-6065-48ca-87d9-7f5672854ef7\",\"defaultAccessMappingMoniker\":\"PublicAccessMapping\","
                + "\"lastChangeId\":1037862,\"lastChangeId64\":1037862},\"webApplicationRelativeDirectory\":\"/\"}";
    }

    static String project(String org, String id) {
        return "{\"id\":\"" + id.toLowerCase() + "\",\"name\":\"Fabrikam-Fiber-Git\",\"description\":\"Git projects\","
                + "\"url\":\"https://dev.azure.com/" + org + "/_apis/projects/" + id.toLowerCase() + "\","
                + "\"state\":\"wellFormed\",\"revision\":411,\"visibility\":\"private\","
                + "\"lastUpdateTime\":\"2025-09-02T14:25:31.13Z\"}";
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
