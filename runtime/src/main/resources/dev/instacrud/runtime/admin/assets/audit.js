// The organisation's audit log, for ORG_ADMIN: what happened, newest first, filtered by action, actor, entity, id and
// time, paged on the server (GET /api/v1/audit). Read-only: the log has no write endpoint. The filters live in the
// address, so a reload or a shared link shows the same records. Loaded when the page is first opened.

import { api, ApiError } from "./api.js";
import { h, notice, pager, show } from "./dom.js";
import { selectRow, simpleRow } from "./fields.js";
import { humanize, loadModel, parameterValues } from "./model.js";
import { adminOnly, pageUrl, paging } from "./org.js";

const PAGE_SIZES = [50, 20, 100, 200];
const ACCOUNT_TARGETS = ["User", "Invitation", "Session", "Organization"];
const FILTERS = ["action", "actor", "entity", "entityId", "from", "to"];

// "2025-01-31T12:00:00Z" <-> the local "2025-01-31T13:00" of a datetime-local input
function toLocalInput(instant) {
  const d = new Date(instant);
  if (isNaN(d.getTime())) return "";
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function fromLocalInput(value) {
  const d = new Date(value);
  return value && !isNaN(d.getTime()) ? d.toISOString() : "";
}

export async function auditLog(c) {
  const entities = await loadModel();
  const refused = adminOnly(c, "Audit log");
  if (refused) return refused;
  const q = c.query;
  const filters = {};
  FILTERS.forEach((name) => { filters[name] = q.get(name) || ""; });
  const { offset, limit } = paging(q, PAGE_SIZES);
  const go = (changes) => c.navigate(pageUrl("/admin/org/audit", Object.assign({}, filters, { offset, limit }, changes)));

  // the members, to show and pick actors by name (a removed member's records keep their id)
  const members = await api("GET", "/api/v1/users", { query: { limit: 200 } });
  const names = new Map(members.items.map((u) => [u.id, u.name ? u.name + " (" + u.email + ")" : u.email]));
  const targets = entities.map((e) => e.name).concat(ACCOUNT_TARGETS);

  const rows = {
    action: selectRow("action", "Action", [["", "Any action"]].concat(parameterValues("/api/v1/audit", "action")
      .map((a) => [a, a.replace(/_/g, " ")])), filters.action),
    actor: selectRow("actor", "Who", [["", "Anyone"]].concat([...names].map(([id, name]) => [id, name])), filters.actor),
    entity: selectRow("entity", "On", [["", "Anything"]].concat(targets.map((t) => [t, t])), filters.entity),
    entityId: simpleRow("entityId", "Id", { maxlength: 128, autocomplete: "off" }),
    from: simpleRow("from", "From", { type: "datetime-local" }),
    to: simpleRow("to", "Before", { type: "datetime-local" }),
  };
  rows.entityId.input.value = filters.entityId;
  rows.from.input.value = filters.from ? toLocalInput(filters.from) : "";
  rows.to.input.value = filters.to ? toLocalInput(filters.to) : "";
  const form = h("form", { class: "filter", "aria-label": "Filter the log" },
    h("div", { class: "filter-row" }, Object.values(rows).map((r) => r.row)),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Show"),
      h("a", { class: "button", href: "/admin/org/audit" }, "Clear")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go({
      action: rows.action.input.value,
      actor: rows.actor.input.value,
      entity: rows.entity.input.value,
      entityId: rows.entityId.input.value.trim(),
      from: fromLocalInput(rows.from.input.value),
      to: fromLocalInput(rows.to.input.value),
      offset: 0,
    });
  });

  const results = h("div", { class: "results" });
  const section = h("section", {}, h("h1", { tabindex: "-1" }, "Audit log"),
    h("p", { class: "lead" }, "Every sign-in, account change and document write in this organisation, newest first. "
      + "Records show which fields changed, never their values. Nobody can change or delete them; they go when their retention ends."),
    form, results);
  let page;
  try {
    page = await api("GET", "/api/v1/audit", { query: Object.assign({ offset, limit }, filters) });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 401) throw e;
    show(results, notice("error", e.message, e.errors.map((x) => h("p", {}, (x.loc || []).slice(1).join(".") + ": " + x.msg))));
    return section;
  }
  const byName = new Map(entities.map((e) => [e.name, e]));
  show(results, page.total === 0 ? h("p", {}, "No record matches.") : [
    h("table", { class: "grid", id: "audit" },
      h("caption", { class: "visually-hidden" }, "Audit records, newest first, " + page.total + " in all"),
      h("thead", {}, h("tr", {}, ["When", "Who", "Action", "On", "Fields", "Details", "Address"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, page.items.map((r) => h("tr", {},
        h("td", {}, new Date(r.at).toLocaleString()),
        h("td", {}, r.actor ? names.get(r.actor) || r.actor : "—"),
        h("td", {}, r.action.replace(/_/g, " ")),
        h("td", {}, target(r, byName, names)),
        h("td", {}, r.fields.length ? r.fields.join(", ") : "—"),
        h("td", {}, Object.keys(r.details).length
          ? h("dl", { class: "nested" }, Object.entries(r.details).map(([k, v]) => [h("dt", {}, humanize(k)), h("dd", {}, v === null ? "—" : v)]))
          : "—"),
        h("td", {}, r.ip || "—"))))),
    pager(page, page.items.length, PAGE_SIZES, (o, l) => go({ offset: o, limit: l })),
  ]);
  return section;
}

// The record's subject: a link to the document while it may still exist, a member's name, or the kind and id.
function target(record, byName, names) {
  if (!record.entity) return "—";
  const entity = byName.get(record.entity);
  const gone = ["delete", "cascade_delete"].includes(record.action);
  if (entity && record.entityId && !gone) {
    return [record.entity + " ", h("a", { href: "/admin/e/" + entity.path + "/" + record.entityId }, h("code", {}, record.entityId))];
  }
  if (record.entity === "User" && names.has(record.entityId)) return "User " + names.get(record.entityId);
  return [record.entity + " ", record.entityId ? h("code", {}, record.entityId) : null];
}
