package io.flowtrack.azdo.api;

import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * Who may call a route, declared with the route where it is registered ({@code App}); {@link AccessGate}, Javalin's
 * {@code beforeMatched} handler, checks it before the route's handler runs. A route registered without exactly one
 * of these is refused on every request (500) and fails {@code RouteAccessTest}: a route cannot forget its check.
 */
public enum Access implements RouteRole {
    /** Anyone: health, CORS preflight, the demo's own sign-in and pages (demo mode only). */
    PUBLIC,
    /** A valid app token and membership of the path's organization and project, asked of the organization. */
    MEMBER,
    /**
     * A valid app token only; the route then confirms the caller administers the organization with the credential
     * its body brings (connecting: nothing is stored to ask with yet). Only {@code PUT .../connection}.
     */
    CONNECTING_ADMIN,
    /** A valid app token, a connected organization, and an administrator of it as the organization answers. */
    ADMIN;

    /** The one access a route declared, or null when it declared none or several (a route that forgot). */
    static Access of(Set<RouteRole> roles) {
        if (roles.size() != 1) {
            return null;
        }
        return roles.iterator().next() instanceof Access access ? access : null;
    }
}
