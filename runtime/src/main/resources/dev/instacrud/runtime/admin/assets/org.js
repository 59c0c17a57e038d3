// The organisation's pages, for ORG_ADMIN: invitations (create and copy the code; list and revoke when the service
// offers it), users and roles (when the service offers them), and the organisation's own database in org-db mode.
// Each appears only when the service's OpenAPI document lists its endpoint.

import { api, ApiError } from "./api.js";
import { button, confirmDialog, h, notice, show } from "./dom.js";
import { applyErrors, simpleRow } from "./fields.js";
import { loadModel, offers } from "./model.js";

const ROLES = ["ORG_ADMIN", "USER", "READ_ONLY"];

function adminOnly(c, title) {
  if (c.me.role === "ORG_ADMIN") return null;
  return h("section", {}, h("h1", { tabindex: "-1" }, title), notice("error", "Only an organisation administrator can see this page."));
}

function roleSelect(id, value) {
  return h("select", { id, name: "role" }, ROLES.map((r) => h("option", { value: r, selected: r === value }, r)));
}

export async function invitations(c) {
  await loadModel();
  const refused = adminOnly(c, "Invitations");
  if (refused) return refused;
  const email = simpleRow("email", "Email of the person to invite", { type: "email", required: true, autocomplete: "off" });
  const role = roleSelect("invite-role", "USER");
  const message = h("div", { class: "messages" });
  const listBox = h("div", {});
  const form = h("form", { class: "narrow" }, email.row,
    h("div", { class: "row" }, h("label", { for: "invite-role" }, "Role"), role), message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Create invitation")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    try {
      const created = await api("POST", "/api/v1/auth/invitations", { body: { email: email.input.value, role: role.value } });
      const code = h("input", { type: "text", id: "invitation-code", readonly: true, value: created.code, size: 40 });
      const link = location.origin + "/admin/join?code=" + encodeURIComponent(created.code);
      show(message, notice("ok",
        h("p", {}, "Invitation created for " + email.input.value + " as " + role.value + ", valid until "
          + new Date(created.expiresAt).toLocaleString() + ". Send them the code (it is shown only now):"),
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
      if (offers("GET", "/api/v1/auth/invitations")) await loadInvitations(listBox);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      applyErrors(e, { email }, message);
    }
  });
  if (offers("GET", "/api/v1/auth/invitations")) await loadInvitations(listBox);
  return h("section", {}, h("h1", { tabindex: "-1" }, "Invitations"),
    h("p", {}, "An invitation lets one person join this organisation with the role you choose."), form, listBox);
}

async function loadInvitations(box) {
  const page = await api("GET", "/api/v1/auth/invitations");
  const items = Array.isArray(page) ? page : page.items || [];
  const canRevoke = offers("DELETE", "/api/v1/auth/invitations/{id}");
  show(box, h("h2", {}, "Pending invitations"), items.length === 0 ? h("p", {}, "None.") : h("table", { class: "grid" },
    h("thead", {}, h("tr", {}, ["Email", "Role", "Expires", canRevoke ? "Revoke" : null].filter(Boolean).map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, items.map((inv) => h("tr", {},
      h("td", {}, inv.email), h("td", {}, inv.role), h("td", {}, inv.expiresAt ? new Date(inv.expiresAt).toLocaleString() : "—"),
      canRevoke ? h("td", {}, button("Revoke", async () => {
        if (await confirmDialog("Revoke the invitation of " + inv.email + "?", h("p", {}, "The code stops working at once."), "Revoke")) {
          await api("DELETE", "/api/v1/auth/invitations/" + encodeURIComponent(inv.id));
          await loadInvitations(box);
        }
      }, { "aria-label": "Revoke the invitation of " + inv.email })) : null)))));
}

export async function users(c) {
  await loadModel();
  const refused = adminOnly(c, "Users");
  if (refused) return refused;
  if (!offers("GET", "/api/v1/users")) {
    return h("section", {}, h("h1", { tabindex: "-1" }, "Users"), notice("info", "This service does not offer user administration yet."));
  }
  const box = h("div", {});
  const message = h("div", { class: "messages" });
  const load = async () => {
    const page = await api("GET", "/api/v1/users", { query: { limit: 100 } });
    const items = Array.isArray(page) ? page : page.items || [];
    const canPatch = offers("PATCH", "/api/v1/users/{id}");
    const canDelete = offers("DELETE", "/api/v1/users/{id}");
    show(box, h("table", { class: "grid" },
      h("thead", {}, h("tr", {}, ["Name", "Email", "Role", "Status", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, items.map((u) => {
        const id = "role-" + u.id;
        const select = roleSelect(id, u.role);
        const actions = [];
        if (canPatch) {
          actions.push(button("Change role", async () => change(u, { role: select.value }), { "aria-label": "Change the role of " + u.email }));
          if ("active" in u) {
            actions.push(button(u.active ? "Deactivate" : "Reactivate", async () => change(u, { active: !u.active }),
              { "aria-label": (u.active ? "Deactivate " : "Reactivate ") + u.email }));
          }
        }
        if (canDelete && u.id !== c.me.id) {
          actions.push(button("Remove", async () => {
            if (await confirmDialog("Remove " + u.email + " from the organisation?", h("p", {}, "They can no longer sign in here."), "Remove")) {
              await guarded(() => api("DELETE", "/api/v1/users/" + encodeURIComponent(u.id)));
            }
          }, { class: "danger", "aria-label": "Remove " + u.email }));
        }
        return h("tr", {}, h("td", {}, u.name || "—"), h("td", {}, u.email),
          h("td", {}, canPatch ? [h("label", { for: id, class: "visually-hidden" }, "Role of " + u.email), select] : u.role),
          h("td", {}, "active" in u ? (u.active ? "active" : "deactivated") : "—"), h("td", {}, actions));
      }))));
  };
  const guarded = async (action) => {
    show(message);
    try {
      await action();
      await load();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      show(message, notice("error", e.message));
    }
  };
  const change = (u, body) => guarded(() => api("PATCH", "/api/v1/users/" + encodeURIComponent(u.id), { body }));
  await load();
  return h("section", {}, h("h1", { tabindex: "-1" }, "Users"), message, box);
}

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
