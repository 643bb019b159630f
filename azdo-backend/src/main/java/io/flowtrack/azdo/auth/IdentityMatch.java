package io.flowtrack.azdo.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowtrack.azdo.model.OrgId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a request is from, as far as the two tokens say. The app token's {@code nameid} and connectionData's
 * {@code authenticatedUser.id} are both described as "the user id", but no source states that they are equal, and
 * microsoft/azure-devops-extension-sdk#16 and #44 report users for whom they differ (docs/security.md, "Identity").
 * The access token's identity is the one Azure DevOps itself checked, so it is the user; the app token proves the
 * request came from this extension. A difference is logged with both ids (never a token) so it can be measured.
 */
final class IdentityMatch {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityMatch.class);

    private IdentityMatch() {
    }

    /**
     * @param connectionData the organization's connectionData answer to the user's access token
     * @param nameid         the app token's {@code nameid}, canonical
     * @return connectionData's {@code authenticatedUser.id}, canonical, or null when it has none
     */
    static String authenticatedUser(JsonNode connectionData, String nameid, OrgId org, String check) {
        String authenticated = Guids.canonical(connectionData.path("authenticatedUser").path("id").asText(null));
        if (authenticated != null && !authenticated.equals(nameid)) {
            LOG.warn("{}: identity mismatch in organization {}: app token nameid {}, connectionData authenticatedUser.id"
                    + " {}; acting as the latter", check, org, nameid, authenticated);
        }
        return authenticated;
    }
}
