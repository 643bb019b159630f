package io.flowtrack.azdo.api;

import io.flowtrack.azdo.auth.AdminVerifier;
import io.flowtrack.azdo.auth.AppTokenClaims;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Javalin's {@code beforeMatched} handler: checks the {@link Access} the matched route declared before its handler
 * runs, and hands the handler what the check proved (the caller's membership, admin grant or app token claims),
 * which a handler reads with {@link #member}, {@link #admin} or {@link #caller}. Fails closed: a route without its
 * one access, or an access this instance cannot check, is refused.
 */
public final class AccessGate implements Handler {
    private static final String MEMBER = "flowtrack.access.member";
    private static final String ADMIN = "flowtrack.access.admin";
    private static final String CALLER = "flowtrack.access.caller";

    private final ApiAuth auth;
    private final AdminCheck admins;

    /**
     * @param auth   app tokens and memberships, or null when no route needs them
     * @param admins the admin check, or null when no admin route is registered
     */
    public AccessGate(ApiAuth auth, AdminCheck admins) {
        this.auth = auth;
        this.admins = admins;
    }

    @Override
    public void handle(Context ctx) {
        Access access = Access.of(ctx.routeRoles());
        if (access == null) {
            throw new IllegalStateException("route " + ctx.method() + " " + ctx.path()
                    + " declares no access; refused");
        }
        switch (access) {
            case PUBLIC -> {
            }
            case MEMBER -> ctx.attribute(MEMBER, required(auth).authorizeWithOrganization(ctx));
            case CONNECTING_ADMIN -> ctx.attribute(CALLER, required(auth).authenticate(ctx));
            case ADMIN -> ctx.attribute(ADMIN, required(admins).authorizeStored(ctx));
        }
    }

    private static <T> T required(T check) {
        if (check == null) {
            throw new IllegalStateException("a route needs a check this instance was not given; refused");
        }
        return check;
    }

    /** The membership the gate verified for a {@link Access#MEMBER} route. */
    public static ApiAuth.Authorized member(Context ctx) {
        return proven(ctx, MEMBER);
    }

    /** The admin grant the gate verified for an {@link Access#ADMIN} route. */
    public static AdminVerifier.Grant admin(Context ctx) {
        return proven(ctx, ADMIN);
    }

    /** The app token's claims the gate verified for a {@link Access#CONNECTING_ADMIN} route. */
    public static AppTokenClaims caller(Context ctx) {
        return proven(ctx, CALLER);
    }

    private static <T> T proven(Context ctx, String key) {
        T value = ctx.attribute(key);
        if (value == null) { // a handler on a route that declared another access: never serve it unchecked
            throw new IllegalStateException("the route's access did not prove what its handler reads; refused");
        }
        return value;
    }
}
