package dev.instacrud.runtime.auth;

import dev.instacrud.runtime.audit.AuditAction;
import dev.instacrud.runtime.audit.AuditEvent;
import dev.instacrud.runtime.audit.AuditLog;
import dev.instacrud.runtime.context.CurrentUser;
import dev.instacrud.runtime.context.Role;
import dev.instacrud.runtime.error.ApiException;
import dev.instacrud.runtime.http.ApiRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The changes to an organisation's members that can take away an administrator, and the removal of an account. Each
 * runs under the organisation's {@link AdminLock}, and refuses with a 409 to leave the organisation without an active
 * ORG_ADMIN: demoting, deactivating or removing the last one (an organisation whose only member deletes their own
 * account is the one exception: it is left without members, its data in place).
 *
 * <p>Removing an account (by an administrator, or by its owner): the user is marked as being removed (they can no
 * longer sign in, every token of theirs is refused), their private documents are deleted ({@link PrivateDocuments}),
 * then their sessions, links and the user document itself. Organisation-wide documents they created stay, {@code
 * createdBy} keeping their id. A removal that stops half-way leaves the user marked and can be done again.
 */
final class Members {
    private final UserDirectory users;
    private final AdminLock lock;
    private final Sessions sessions;
    private final LinkTokens verifications;
    private final LinkTokens resets;
    private final PrivateDocuments privateDocuments;
    private final AuditLog audit;
    private final UserStates states;

    Members(
            UserDirectory users,
            AdminLock lock,
            Sessions sessions,
            LinkTokens verifications,
            LinkTokens resets,
            PrivateDocuments privateDocuments,
            AuditLog audit,
            UserStates states) {
        this.users = users;
        this.lock = lock;
        this.sessions = sessions;
        this.verifications = verifications;
        this.resets = resets;
        this.privateDocuments = privateDocuments;
        this.audit = audit;
        this.states = states;
    }

    /** Sets a member's role; 409 for the last active administrator's demotion. */
    Document setRole(ApiRequest request, CurrentUser admin, Document member, Role role) {
        ObjectId orgId = member.getObjectId("orgId");
        ObjectId userId = member.getObjectId("_id");
        String before = member.getString("role");
        if (before.equals(role.name())) {
            return member;
        }
        Document after = lock.around(orgId, () -> {
            if (role != Role.ORG_ADMIN) {
                refuseIfLastAdmin(orgId, userId, "demote");
            }
            return users.setRole(orgId, userId, role).orElseThrow(Members::gone);
        });
        states.forgetUser(userId.toHexString());
        audit.record(event(request, admin, AuditAction.ROLE_CHANGED, userId)
                .fields(List.of("role"))
                .detail("from", before)
                .detail("to", role.name()));
        return after;
    }

    /** Deactivates a member and ends every session of theirs; 409 for the last active administrator. */
    Document deactivate(ApiRequest request, CurrentUser admin, Document member) {
        ObjectId orgId = member.getObjectId("orgId");
        ObjectId userId = member.getObjectId("_id");
        if (member.get(UserDirectory.DEACTIVATED_AT) != null) {
            return member;
        }
        Document after = lock.around(orgId, () -> {
            refuseIfLastAdmin(orgId, userId, "deactivate");
            return users.deactivate(orgId, userId).orElseThrow(Members::gone);
        });
        sessions.endAll(userId, "deactivated", false);
        audit.record(event(request, admin, AuditAction.USER_DEACTIVATED, userId));
        return after;
    }

    /** Lets a deactivated member sign in again; their earlier tokens stay refused. */
    Document reactivate(ApiRequest request, CurrentUser admin, Document member) {
        ObjectId orgId = member.getObjectId("orgId");
        ObjectId userId = member.getObjectId("_id");
        if (member.get(UserDirectory.DEACTIVATED_AT) == null) {
            return member;
        }
        Document after = users.reactivate(orgId, userId).orElseThrow(Members::gone);
        states.forgetUser(userId.toHexString());
        audit.record(event(request, admin, AuditAction.USER_REACTIVATED, userId));
        return after;
    }

    /**
     * Removes the account: by an administrator ({@link AuditAction#USER_REMOVED}) or by its owner ({@link
     * AuditAction#ACCOUNT_DELETED}).
     */
    void remove(ApiRequest request, CurrentUser actor, Document member, AuditAction action) {
        ObjectId orgId = member.getObjectId("orgId");
        ObjectId userId = member.getObjectId("_id");
        boolean self = actor.userId().equals(userId.toHexString());
        lock.around(orgId, () -> {
            if (!(self && users.countAll(orgId) == 1)) {
                refuseIfLastAdmin(orgId, userId, "remove");
            }
            if (!users.markRemoving(orgId, userId)) {
                throw gone();
            }
            return null;
        });
        sessions.endAll(userId, "removed", false);
        privateDocuments.deleteAll(orgId.toHexString(), userId.toHexString(), actor.userId());
        verifications.revokeAll(userId);
        resets.revokeAll(userId);
        sessions.deleteAll(userId);
        users.delete(orgId, userId);
        audit.record(event(request, actor, action, userId));
    }

    // Only an active ORG_ADMIN counts, and only one who is not the member being changed.
    private void refuseIfLastAdmin(ObjectId orgId, ObjectId userId, String what) {
        Document current = users.member(orgId, userId.toHexString()).orElseThrow(Members::gone);
        boolean activeAdmin =
                Role.ORG_ADMIN.name().equals(current.getString("role")) && UserDirectory.isActive(current);
        if (activeAdmin && users.activeAdminsOtherThan(orgId, userId) == 0) {
            throw ApiException.conflict("Cannot " + what + " the last active ORG_ADMIN of the organisation: "
                    + "make another member ORG_ADMIN first");
        }
    }

    private static AuditEvent event(ApiRequest request, CurrentUser actor, AuditAction action, ObjectId userId) {
        return AuditEvent.of(actor.orgId(), action, actor.userId())
                .target("User", userId.toHexString())
                .request(request.requestId(), request.clientIp());
    }

    private static ApiException gone() {
        return ApiException.notFound("Not found");
    }

    /** A member as the administration routes show it. */
    static Map<String, Object> view(Document user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", user.getObjectId("_id").toHexString());
        view.put("email", user.getString("email"));
        view.put("name", user.getString("name"));
        view.put("role", user.getString("role"));
        view.put("emailVerified", UserDirectory.isEmailVerified(user));
        view.put("active", user.get(UserDirectory.DEACTIVATED_AT) == null);
        view.put("createdAt", instant(user, "createdAt"));
        view.put("lastSignInAt", instant(user, UserDirectory.LAST_SIGN_IN));
        return view;
    }

    static String instant(Document doc, String field) {
        java.util.Date date = doc.getDate(field);
        return date == null ? null : date.toInstant().toString();
    }
}
