// The pages of an entity: a list (sortable, paged on the server, filtered), a detail view, create and edit forms,
// and delete with a confirmation that says what onDelete will do. Write controls appear only for the roles the
// entity's `write` names; the server stays the authority.

import { api, ApiError, etagOf } from "./api.js";
import { announce, button, confirmDialog, h, notice, safeHref, show } from "./dom.js";
import { applyErrors, entityForm, labelOf } from "./fields.js";
import { filterBuilder } from "./filter.js";
import { entityByName, entityByPath, formatValue, hasParameter, humanize, loadModel } from "./model.js";

const PAGE_SIZES = [10, 20, 50, 100];
let flash = null; // a message for the next page (after a create or a delete)

export function pluralLabel(entity) {
  return humanize(entity.path.replace(/-/g, " "));
}

function canWrite(c, entity) {
  return entity.write.includes(c.me.role);
}

async function entityOf(c) {
  await loadModel();
  const entity = entityByPath(c.params[0]);
  if (!entity) throw new Error("No such entity: " + c.params[0]);
  return entity;
}

function takeFlash() {
  const message = flash;
  flash = null;
  return message ? notice("ok", message) : null;
}

// ---- list ----

function columnsOf(entity) {
  // the spec's order, without what does not fit a cell: long text, objects, write-only fields, ids and addresses
  const shown = entity.fields.filter((f) => !f.secret && !["object", "text", "uuid", "url"].includes(f.kind)
    && !(f.kind === "list" && f.item.kind === "object"));
  const display = shown.find((f) => f.name === entity.display);
  const rest = shown.filter((f) => f !== display).slice(0, display ? 5 : 6);
  const updated = entity.audit.find((f) => f.name === "updatedAt");
  return (display ? [display] : []).concat(rest, updated ? [updated] : []);
}

/** Labels of the documents refs point at, fetched in one list request per target. */
async function refLabels(entity, items, fields) {
  const labels = new Map(); // id -> label
  const byTarget = new Map();
  for (const field of fields.filter((f) => f.ref)) {
    const ids = byTarget.get(field.ref.to) || new Set();
    for (const item of items) {
      const value = item[field.name];
      (Array.isArray(value) ? value : [value]).filter(Boolean).forEach((id) => ids.add(id));
    }
    byTarget.set(field.ref.to, ids);
  }
  for (const [name, ids] of byTarget) {
    const target = entityByName(name);
    const all = [...ids];
    for (let i = 0; i < all.length; i += 100) {
      const chunk = all.slice(i, i + 100);
      try {
        const page = await api("GET", "/api/v1/" + target.path, {
          query: { filter: JSON.stringify({ id: { $in: chunk } }), limit: chunk.length },
        });
        page.items.forEach((doc) => labels.set(doc.id, labelOf(target, doc)));
      } catch (e) {
        // labels are a convenience: the ids stay
      }
    }
  }
  return labels;
}

function refLink(field, id, labels) {
  const target = entityByName(field.ref.to);
  return h("a", { href: "/admin/e/" + target.path + "/" + id }, labels.get(id) || id);
}

function cell(field, value, labels) {
  if (field.ref) {
    if (Array.isArray(value)) return value.length ? value.map((id, i) => [i ? ", " : null, refLink(field, id, labels)]) : "—";
    return value ? refLink(field, value, labels) : "—";
  }
  return formatValue(field, value);
}

// The search of an entity with searchable fields (the server's q: a literal, case-insensitive, anywhere in them).
function searchBox(value, go) {
  const input = h("input", { type: "search", id: "list-search", name: "q", maxlength: 100, autocomplete: "off", value });
  const form = h("form", { role: "search", class: "search" }, h("label", { for: "list-search" }, "Search"), input,
    h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(input.value.trim());
  });
  return form;
}

export async function list(c) {
  const entity = await entityOf(c);
  const q = c.query;
  const sort = q.get("sort") || "";
  const search = q.get("q") || "";
  const offset = Math.max(0, parseInt(q.get("offset") || "0", 10) || 0);
  const limit = PAGE_SIZES.includes(parseInt(q.get("limit"), 10)) ? parseInt(q.get("limit"), 10) : 20;
  let filter = null;
  try {
    filter = q.get("filter") ? JSON.parse(q.get("filter")) : null;
  } catch (e) {
    filter = null;
  }
  const go = (changes) => {
    const next = new URLSearchParams({ q: search, sort, offset: String(offset), limit: String(limit), filter: filter ? JSON.stringify(filter) : "" });
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    for (const k of [...next.keys()]) if (!next.get(k) || (k === "offset" && next.get(k) === "0")) next.delete(k);
    c.navigate("/admin/e/" + entity.path + (next.toString() ? "?" + next : ""));
  };
  const heading = h("h1", { tabindex: "-1" }, pluralLabel(entity));
  const tools = h("div", { class: "toolbar" },
    canWrite(c, entity) ? h("a", { class: "button primary", href: "/admin/e/" + entity.path + "/new" }, "New " + entity.label.toLowerCase()) : null,
    hasParameter("/api/v1/" + entity.path, "q") ? searchBox(search, (text) => go({ q: text, offset: "0" })) : null);
  const builder = filterBuilder(entity, filter, (f) => go({ filter: f ? JSON.stringify(f) : "", offset: "0" }));
  const results = h("div", { class: "results" });
  const page = h("section", {}, heading, entity.description ? h("p", { class: "lead" }, entity.description) : null,
    takeFlash(), tools, builder, results);

  let data;
  try {
    data = await api("GET", "/api/v1/" + entity.path, {
      query: { q: search || null, sort, offset, limit, filter: filter ? JSON.stringify(filter) : null },
    });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 401) throw e;
    show(results, notice("error", e.message));
    return page;
  }
  const columns = columnsOf(entity);
  const labels = await refLabels(entity, data.items, columns);
  const sortField = sort.replace(/^-/, "");
  const header = columns.map((f) => {
    const active = sortField === f.name;
    const descending = active && sort.startsWith("-");
    const nextSort = active && !descending ? "-" + f.name : f.name;
    return h("th", { scope: "col", "aria-sort": active ? (descending ? "descending" : "ascending") : null },
      h("button", { type: "button", class: "sort", onclick: () => go({ sort: nextSort, offset: "0" }) },
        f.label, h("span", { class: "arrow", "aria-hidden": "true" }, active ? (descending ? " ▼" : " ▲") : ""),
        h("span", { class: "visually-hidden" }, active ? (descending ? ", sorted descending" : ", sorted ascending") : ", sort")));
  });
  const rows = data.items.map((item) => {
    const detail = "/admin/e/" + entity.path + "/" + item.id;
    const tr = h("tr", {}, columns.map((f, i) => i === 0
      ? h("th", { scope: "row" }, h("a", { href: detail }, f.ref ? labels.get(item[f.name]) || item[f.name] || item.id : labelOf(entity, item)))
      : h("td", {}, cell(f, item[f.name], labels))));
    tr.addEventListener("click", (event) => {
      if (!event.target.closest("a, button")) c.navigate(detail);
    });
    return tr;
  });
  const first = data.total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + data.items.length, data.total);
  const sizeId = "page-size";
  const pager = h("nav", { class: "pager", "aria-label": "Pages" },
    h("span", { class: "count" }, data.total === 0 ? "No documents" : "Showing " + first + "–" + last + " of " + data.total),
    h("button", { type: "button", disabled: offset === 0, onclick: () => go({ offset: String(Math.max(0, offset - limit)) }) }, "Previous"),
    h("button", { type: "button", disabled: offset + limit >= data.total, onclick: () => go({ offset: String(offset + limit) }) }, "Next"),
    h("label", { for: sizeId }, "Per page"),
    (() => {
      const select = h("select", { id: sizeId }, PAGE_SIZES.map((n) => h("option", { value: n, selected: n === limit }, String(n))));
      select.addEventListener("change", () => go({ limit: select.value, offset: "0" }));
      return select;
    })());
  show(results,
    h("table", { class: "grid" }, h("caption", { class: "visually-hidden" }, pluralLabel(entity) + ", " + data.total + " in all"),
      h("thead", {}, h("tr", {}, header)), h("tbody", {}, rows)),
    pager);
  announce(data.total + " " + pluralLabel(entity).toLowerCase());
  return page;
}

// ---- detail ----

function valueNode(field, value, labels) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return "—";
  if (field.ref) return cell(field, value, labels);
  if (field.kind === "url") {
    const href = safeHref(String(value));
    return href && /^https?:/i.test(href) ? h("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, String(value)) : String(value);
  }
  if (field.kind === "object") {
    return h("dl", { class: "nested" }, field.fields.map((f) => [h("dt", {}, f.label), h("dd", {}, valueNode(f, value[f.name], labels))]));
  }
  if (field.kind === "list") {
    if (field.item.kind === "object") return h("ol", {}, value.map((v) => h("li", {}, valueNode(field.item, v, labels))));
    return h("ul", { class: "values" }, value.map((v) => h("li", {}, valueNode(field.item, v, labels))));
  }
  return formatValue(field, value);
}

/** What deleting a document of this entity does to the documents that refer to it, in words. */
function deleteConsequences(entity) {
  return entity.referencedBy.map((r) => {
    const who = pluralLabel(r.entity) + " (" + humanize(r.field).toLowerCase() + ")";
    switch (r.onDelete) {
      case "restrict": return "Refused while any " + who + " still refers to it.";
      case "cascade": return "Every " + who + " that refers to it is deleted too.";
      default: return r.many
        ? "It is removed from the " + humanize(r.field).toLowerCase() + " of every " + who + " that lists it."
        : who + " that refer to it are kept, with " + humanize(r.field).toLowerCase() + " cleared.";
    }
  });
}

export async function detail(c) {
  const entity = await entityOf(c);
  const id = c.params[1];
  const doc = await api("GET", "/api/v1/" + entity.path + "/" + id);
  const labels = await refLabels(entity, [doc], entity.fields.filter((f) => f.ref));
  const message = h("div", { class: "messages" }, takeFlash());
  const actions = canWrite(c, entity) ? h("div", { class: "toolbar" },
    h("a", { class: "button primary", href: "/admin/e/" + entity.path + "/" + id + "/edit" }, "Edit"),
    button("Delete", () => remove(c, entity, doc, message), { class: "danger" })) : null;
  const rows = entity.fields.map((f) => [h("dt", {}, f.label),
    h("dd", { class: f.kind === "text" ? "text" : null },
      f.secret ? h("span", { class: "muted" }, "write-only, never shown") : valueNode(f, doc[f.name], labels))]);
  const audit = entity.audit.map((f) => [h("dt", {}, f.label), h("dd", {}, formatValue(f, doc[f.name]))]);
  const related = entity.referencedBy.map((r) => h("li", {}, h("a", {
    href: "/admin/e/" + r.entity.path + "?filter=" + encodeURIComponent(JSON.stringify({ [r.field]: id })),
  }, pluralLabel(r.entity) + " whose " + humanize(r.field).toLowerCase() + " is this one")));
  return h("section", {},
    h("p", { class: "crumbs" }, h("a", { href: "/admin/e/" + entity.path }, pluralLabel(entity))),
    h("h1", { tabindex: "-1" }, labelOf(entity, doc)),
    message, actions,
    h("dl", { class: "facts" }, h("dt", {}, "Id"), h("dd", {}, h("code", {}, doc.id)), rows),
    h("h2", {}, "Record"), h("dl", { class: "facts audit" }, audit),
    related.length ? [h("h2", {}, "Referring documents"), h("ul", {}, related)] : null);
}

async function remove(c, entity, doc, message) {
  const consequences = deleteConsequences(entity);
  const ok = await confirmDialog("Delete " + labelOf(entity, doc) + "?",
    h("div", {}, h("p", {}, "This " + entity.label.toLowerCase() + " will be deleted for good."),
      consequences.length ? h("ul", {}, consequences.map((t) => h("li", {}, t))) : null),
    "Delete");
  if (!ok) return;
  try {
    await api("DELETE", "/api/v1/" + entity.path + "/" + doc.id);
    flash = entity.label + " " + labelOf(entity, doc) + " deleted.";
    c.navigate("/admin/e/" + entity.path);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 401) throw e;
    const restrict = e.errors.find((x) => x.type === "foreign_key_restrict");
    show(message, notice("error", restrict
      ? "Not deleted: other documents still refer to it (" + restrict.msg + "). Delete or change them first."
      : e.message));
    message.querySelector(".notice").focus();
  }
}

// ---- create and edit ----

// version: the ETag of the document as the form shows it, sent as If-Match so a change made meanwhile is a 412
function formPage(c, entity, doc, version) {
  const editing = doc !== null;
  const form = entityForm(entity, doc, editing);
  const message = h("div", { class: "messages" });
  const initial = editing ? form.read() : null;
  const save = h("button", { type: "submit", class: "primary" }, editing ? "Save changes" : "Create");
  const cancel = h("a", { class: "button", href: "/admin/e/" + entity.path + (editing ? "/" + doc.id : "") }, "Cancel");
  const node = h("form", { class: "entity" }, form.node, message, h("div", { class: "actions" }, save, cancel));
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    Object.values(form.rows()).forEach((r) => r.setError(null));
    const values = form.read();
    try {
      let saved;
      if (editing) {
        const patch = {};
        for (const field of entity.fields) {
          const now = values[field.name];
          if (field.secret && (now === null || now === "")) continue; // empty keeps the stored secret
          if (JSON.stringify(now) !== JSON.stringify(initial[field.name])) patch[field.name] = now;
        }
        saved = await api("PATCH", "/api/v1/" + entity.path + "/" + doc.id, {
          body: patch, contentType: "application/merge-patch+json", headers: version ? { "If-Match": version } : {},
        });
        flash = "Saved.";
      } else {
        const body = {};
        for (const [name, value] of Object.entries(values)) {
          if (value !== null && !(Array.isArray(value) && value.length === 0)) body[name] = value;
        }
        saved = await api("POST", "/api/v1/" + entity.path, { body });
        flash = entity.label + " created.";
      }
      c.navigate("/admin/e/" + entity.path + "/" + saved.id);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) throw e;
      applyErrors(e, form.rows(), message);
      if (e.status === 412 || e.status === 428) {
        message.append(h("p", {}, h("a", { href: "/admin/e/" + entity.path + "/" + doc.id }, "Open the current version")));
      }
      if (!e.errors.length) message.querySelector(".notice").focus();
    }
  });
  return h("section", {},
    h("p", { class: "crumbs" }, h("a", { href: "/admin/e/" + entity.path }, pluralLabel(entity))),
    h("h1", { tabindex: "-1" }, editing ? "Edit " + labelOf(entity, doc) : "New " + entity.label.toLowerCase()),
    h("p", { class: "hint" }, "Fields marked * are required."), node);
}

export async function create(c) {
  const entity = await entityOf(c);
  if (!canWrite(c, entity)) return h("section", {}, h("h1", { tabindex: "-1" }, "Not allowed"), notice("error", "Your role cannot create " + pluralLabel(entity).toLowerCase() + "."));
  return formPage(c, entity, null);
}

export async function edit(c) {
  const entity = await entityOf(c);
  if (!canWrite(c, entity)) return h("section", {}, h("h1", { tabindex: "-1" }, "Not allowed"), notice("error", "Your role cannot change " + pluralLabel(entity).toLowerCase() + "."));
  const path = "/api/v1/" + entity.path + "/" + c.params[1];
  const doc = await api("GET", path);
  return formPage(c, entity, doc, etagOf(path));
}
