// The organisation's pages, for ORG_ADMIN: its members (filtered and paged; role, deactivation, removal),
// invitations (create and copy the code; the pending ones, paged, with Revoke), and its own database in org-db mode.
// Loaded when one of them is first opened.

import { api, ApiError } from "./api.js";
import { button, confirmDialog, h, notice, pager, show } from "./dom.js";
import { applyErrors, selectRow, simpleRow } from "./fields.js";
import { turnstileCheck } from "./auth.js";
import { loadModel } from "./model.js";

const ROLES = ["ORG_ADMIN", "USER", "READ_ONLY"];
const PAGE_SIZES = [20, 50, 100];

/** The refusal shown to a member who is not ORG_ADMIN, or null for one who is. */
export function adminOnly(c, title) {
  if (c.me.role === "ORG_ADMIN") return null;
  return h("section", {}, h("h1", { tabindex: "-1" }, title), notice("error", "Only an organisation administrator can see this page."));
}

/** offset and limit from the address (limit one of sizes). */
export function paging(query, sizes) {
  const limit = parseInt(query.get("limit"), 10);
  return {
    offset: Math.max(0, parseInt(query.get("offset") || "0", 10) || 0),
    limit: sizes.includes(limit) ? limit : sizes[0],
  };
}

/** The address of a page of this admin with these query values (empty ones and offset 0 left out). */
export function pageUrl(path, values) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== "" && !(name === "offset" && Number(value) === 0)) {
      query.set(name, String(value));
    }
  }
  return path + (query.toString() ? "?" + query : "");
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : "—";
}

// What a refused change of a member or an invitation says: a 409 (the last administrator) in plain words.
function refusal(e) {
  return e.status === 409 ? "Not changed: " + e.problem.detail + "." : e.message;
}

// ---- invitations ----

export async function invitations(c) {
  await loadModel();
  const refused = adminOnly(c, "Invitations");
  if (refused) return refused;
  const email = simpleRow("email", "Email of the person to invite", { type: "email", required: true, autocomplete: "off" });
  const role = selectRow("invite-role", "Role", ROLES.map((r) => [r, r]), "USER");
  const check = turnstileCheck(c);
  const message = h("div", { class: "messages" });
  const listBox = h("div", {});
  const { offset, limit } = paging(c.query, PAGE_SIZES);
  const form = h("form", { class: "narrow" }, email.row, role.row, check.node, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Create invitation")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    try {
      const created = await api("POST", "/api/v1/auth/invitations", {
        body: { email: email.input.value, role: role.input.value }, headers: check.headers(),
      });
      const code = h("input", { type: "text", id: "invitation-code", readonly: true, value: created.code, size: 40 });
      const link = location.origin + "/admin/join?code=" + encodeURIComponent(created.code);
      show(message, notice("ok",
        h("p", {}, "Invitation created for " + email.input.value + " as " + role.input.value + ", valid until "
          + when(created.expiresAt) + ". Send them the code (it is shown only now):"),
        h("label", { for: "invitation-code" }, "Invitation code"), code,
        button("Copy code", async (b) => {
          code.select();
          try {
            await navigator.clipboard.writeText(created.code);
            b.textContent = "Copied";
          } catch (e) {
            b.textContent = "Selected: press Ctrl+C";
          }
        }),
        h("p", {}, "Or the link: ", h("code", {}, link))));
      form.querySelector("#invitation-code").focus();
      email.input.value = "";
      await loadInvitations(c, listBox, 0, limit);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) throw e;
      applyErrors(e, { email, role }, message);
    }
  });
  await loadInvitations(c, listBox, offset, limit);
  return h("section", {}, h("h1", { tabindex: "-1" }, "Invitations"),
    h("p", {}, "An invitation lets one person join this organisation with the role you choose."), form, listBox);
}

async function loadInvitations(c, box, offset, limit) {
  const page = await api("GET", "/api/v1/auth/invitations", { query: { offset, limit } });
  const message = h("div", { class: "messages" });
  const revoke = (inv) => button("Revoke", async () => {
    if (!await confirmDialog("Revoke the invitation of " + inv.email + "?", h("p", {}, "Its code stops working at once."), "Revoke")) return;
    try {
      await api("DELETE", "/api/v1/auth/invitations/" + encodeURIComponent(inv.id));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) throw e;
      show(message, notice("error", e.status === 404 ? "This invitation was already used, revoked or expired." : e.message));
      return;
    }
    await loadInvitations(c, box, page.total - 1 <= offset ? Math.max(0, offset - limit) : offset, limit);
    box.querySelector(".messages").append(notice("ok", "The invitation of " + inv.email + " is revoked."));
  }, { "aria-label": "Revoke the invitation of " + inv.email });
  show(box, h("h2", {}, "Pending invitations"), message,
    page.total === 0 ? h("p", {}, "None: every invitation was used, revoked or has expired.") : [
      h("table", { class: "grid", id: "invitations" },
        h("caption", { class: "visually-hidden" }, "Pending invitations, " + page.total + " in all"),
        h("thead", {}, h("tr", {}, ["Email", "Role", "Invited by", "Created", "Expires", "Revoke"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, page.items.map((inv) => h("tr", {},
          h("td", {}, inv.email), h("td", {}, inv.role), h("td", {}, inv.createdBy === c.me.id ? "you" : inv.createdBy),
          h("td", {}, when(inv.createdAt)), h("td", {}, when(inv.expiresAt)), h("td", {}, revoke(inv)))))),
      pager(page, page.items.length, PAGE_SIZES, (o, l) => c.navigate(pageUrl("/admin/org/invitations", { offset: o, limit: l }))),
    ]);
}

// ---- users ----

export async function users(c) {
  await loadModel();
  const refused = adminOnly(c, "Users");
  if (refused) return refused;
  const q = c.query;
  const filters = { role: q.get("role") || "", emailVerified: q.get("emailVerified") || "", active: q.get("active") || "" };
  const { offset, limit } = paging(q, PAGE_SIZES);
  const go = (changes) => c.navigate(pageUrl("/admin/org/users", Object.assign({}, filters, { offset, limit }, changes)));
  const filterRows = [
    selectRow("role-filter", "Role", [["", "Any role"]].concat(ROLES.map((r) => [r, r])), filters.role),
    selectRow("verified-filter", "Email", [["", "Verified or not"], ["true", "Verified"], ["false", "Not verified"]], filters.emailVerified),
    selectRow("active-filter", "Status", [["", "Active or deactivated"], ["true", "Active"], ["false", "Deactivated"]], filters.active),
  ];
  ["role", "emailVerified", "active"].forEach((name, i) => filterRows[i].input.addEventListener("change",
    () => go({ [name]: filterRows[i].input.value, offset: 0 })));
  const message = h("div", { class: "messages" });
  const box = h("div", {});
  const query = Object.assign({ offset, limit }, filters);
  const load = async () => {
    const page = await api("GET", "/api/v1/users", { query });
    show(box, page.total === 0 ? h("p", {}, "No member matches.") : [
      h("table", { class: "grid", id: "users" },
        h("caption", { class: "visually-hidden" }, "Members, " + page.total + " in all"),
        h("thead", {}, h("tr", {}, ["Name", "Email", "Role", "Email verified", "Status", "Last sign-in", "Actions"]
          .map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, page.items.map((u) => memberRow(c, u, act)))),
      pager(page, page.items.length, PAGE_SIZES, (o, l) => go({ offset: o, limit: l })),
    ]);
  };
  // runs one change, then says what it did (or why not) and shows the page again
  const act = async (change, done) => {
    show(message);
    let changed;
    try {
      changed = await change();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) throw e;
      await load(); // the rows show what is stored again, not the refused choice
      show(message, notice("error", refusal(e)));
      message.querySelector(".notice").focus();
      return;
    }
    await load();
    show(message, notice("ok", done(changed)));
  };
  await load();
  return h("section", {}, h("h1", { tabindex: "-1" }, "Users"),
    h("p", {}, "The members of this organisation. Invite new ones on the ", h("a", { href: "/admin/org/invitations" }, "invitations"), " page."),
    h("div", { class: "filter-row" }, filterRows.map((r) => r.row)), message, box);
}

function memberRow(c, u, act) {
  const self = u.id === c.me.id;
  const who = u.name ? u.name + " (" + u.email + ")" : u.email;
  const path = "/api/v1/users/" + encodeURIComponent(u.id);
  const role = selectRow("role-" + u.id, "Role of " + u.email, ROLES.map((r) => [r, r]), u.role);
  role.row.querySelector("label").classList.add("visually-hidden");
  const actions = [
    button("Change role", () => act(() => api("PUT", path + "/role", { body: { role: role.input.value } }), (m) => {
      if (self) c.forgetUser(); // the navigation shows the new role from the next page on
      return "The role of " + who + " is now " + m.role + ".";
    }), { "aria-label": "Change role of " + u.email }),
    u.active
      ? button("Deactivate", async () => {
        if (!await confirmDialog("Deactivate " + who + "?", h("p", {}, "Every session of theirs ends at once, and they cannot "
          + "sign in until reactivated. Nothing of theirs is deleted."), "Deactivate")) return;
        await act(() => api("POST", path + "/deactivate"), () => who + " is deactivated: their sessions have ended.");
      }, { "aria-label": "Deactivate " + u.email })
      : button("Reactivate", () => act(() => api("POST", path + "/reactivate"), () => who + " is reactivated: they can sign in again."),
        { "aria-label": "Reactivate " + u.email }),
  ];
  if (!self) {
    actions.push(button("Remove", async () => {
      const own = c.ui.entities.filter((e) => e.scope === "user").map((e) => e.path.replace(/-/g, " "));
      if (!await confirmDialog("Remove " + who + " from the organisation?", h("ul", {},
        h("li", {}, "Their account is deleted: they can no longer sign in."),
        own.length ? h("li", {}, "Their private documents are deleted (" + own.join(", ") + ").") : null,
        h("li", {}, "The documents they created for the organisation stay.")), "Remove")) return;
      await act(() => api("DELETE", path), () => who + " is removed from the organisation.");
    }, { class: "danger", "aria-label": "Remove " + u.email }));
  }
  return h("tr", {}, h("td", {}, u.name || "—", self ? " (you)" : null), h("td", {}, u.email),
    h("td", {}, role.row), h("td", {}, u.emailVerified ? "Yes" : "No"), h("td", {}, u.active ? "Active" : "Deactivated"),
    h("td", {}, when(u.lastSignInAt)), h("td", { class: "member-actions" }, actions));
}

// ---- the organisation's database ----

export async function database(c) {
  await loadModel();
  const refused = adminOnly(c, "Organisation database");
  if (refused) return refused;
  const url = simpleRow("url", "MongoDB connection string", { type: "password", required: true, autocomplete: "off" },
    "mongodb:// or mongodb+srv://. Stored encrypted and never shown again.");
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, url.row, message, h("div", { class: "actions" },
    h("button", { type: "submit", class: "primary" }, "Use this database"),
    button("Go back to the shared database", async () => save(null))));
  const save = async (value) => {
    show(message);
    try {
      await api("PUT", "/api/v1/admin/org-database", { body: { url: value } });
      url.input.value = "";
      show(message, notice("ok", value ? "The organisation now uses its own database." : "The organisation uses the shared database again."));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      applyErrors(e, { url }, message);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(url.input.value);
  });
  return h("section", {}, h("h1", { tabindex: "-1" }, "Organisation database"),
    h("p", {}, "This organisation's documents can live in a MongoDB of its own. Existing documents are not moved."), form);
}
