// Form controls generated from the field model: one widget per field type, with the spec's constraints as browser
// validation (the server stays the judge: its 422s land beside the field they name).

import { api, ApiError } from "./api.js";
import { h, notice, show, uid } from "./dom.js";
import { entityByName } from "./model.js";

/** A labelled input for the fixed forms (sign-in, invitations): {row, input, setError}. */
export function simpleRow(name, label, attrs, hint) {
  const id = uid(name);
  const errorId = id + "-error";
  const hintId = hint ? id + "-hint" : null;
  const input = h("input", Object.assign({ id, name, type: "text", "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") }, attrs));
  const error = h("p", { class: "error", id: errorId, hidden: true });
  const row = h("div", { class: "row" }, h("label", { for: id }, label, attrs && attrs.required ? requiredMark() : null), input,
    hint ? h("p", { class: "hint", id: hintId }, hint) : null, error);
  return { row, input, setError: (msg) => setError(input, error, msg), focus: () => input.focus() };
}

/** A labelled select for the fixed forms: choices are [value, text] pairs; {row, input, setError}. */
export function selectRow(name, label, choices, value) {
  const id = uid(name);
  const errorId = id + "-error";
  const input = h("select", { id, name, "aria-describedby": errorId },
    choices.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
  const error = h("p", { class: "error", id: errorId, hidden: true });
  const row = h("div", { class: "row" }, h("label", { for: id }, label), input, error);
  return { row, input, setError: (msg) => setError(input, error, msg), focus: () => input.focus() };
}

function requiredMark() {
  return h("span", { class: "req", "aria-hidden": "true" }, " *");
}

function setError(input, error, msg) {
  if (msg) {
    error.textContent = msg;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
  } else {
    error.textContent = "";
    error.hidden = true;
    input.removeAttribute("aria-invalid");
  }
}

/**
 * Shows an error: a problem's errors[] beside the fields their loc names (["body", "address", "city"] ->
 * "address.city"), the rest and the explanation in the message box; focuses the first field at fault.
 */
export function applyErrors(error, rows, message) {
  if (!(error instanceof ApiError)) {
    show(message, notice("error", String(error && error.message || error)));
    return;
  }
  for (const row of Object.values(rows)) row.setError(null);
  const unplaced = [];
  let first = null;
  for (const item of error.errors) {
    const loc = Array.isArray(item.loc) ? item.loc.filter((part, i) => !(i === 0 && part === "body")) : [];
    const row = rows[loc.join(".")];
    if (row) {
      row.setError(item.msg);
      if (!first) first = row;
    } else {
      unplaced.push((loc.length ? loc.join(".") + ": " : "") + item.msg);
    }
  }
  show(message, notice("error", error.message, unplaced.length ? h("ul", {}, unplaced.map((u) => h("li", {}, u))) : null));
  if (first) first.focus();
}

/**
 * The form of an entity: {node, read(), setErrors(error, messageBox)}. values: the document being edited, or null.
 */
export function entityForm(entity, values, editing) {
  const widgets = entity.fields.map((field) => widget(field, editing));
  if (values) widgets.forEach((w, i) => w.set(values[entity.fields[i].name]));
  else widgets.forEach((w, i) => entity.fields[i].defaultValue !== undefined && w.set(entity.fields[i].defaultValue));
  const node = h("div", { class: "fields" }, widgets.map((w) => w.node));
  return {
    node,
    read() {
      const out = {};
      widgets.forEach((w, i) => { out[entity.fields[i].name] = w.get(); });
      return out;
    },
    rows() {
      const map = {};
      widgets.forEach((w, i) => w.walk(entity.fields[i].name, map));
      return map;
    },
  };
}

function widget(field, editing) {
  switch (field.kind) {
    case "object": return objectWidget(field, editing);
    case "list": return field.item.kind === "enum" ? enumSetWidget(field) : listWidget(field, editing);
    default: return scalarWidget(field, editing, field.label);
  }
}

// A labelled single control with its hint and error.
function scalarWidget(field, editing, label) {
  const id = uid(field.name);
  const errorId = id + "-error";
  const hints = hintText(field, editing);
  const hintId = hints ? id + "-hint" : null;
  const control = field.kind === "ref" ? refPicker(field, id) : plainControl(field, id);
  control.input.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  const error = h("p", { class: "error", id: errorId, hidden: true });
  const labelNode = h("label", { for: id }, label, field.required ? requiredMark() : null);
  const node = h("div", { class: "row" + (field.kind === "boolean" ? " check" : "") },
    field.kind === "boolean" ? [control.node, labelNode] : [labelNode, control.node],
    hints ? h("p", { class: "hint", id: hintId }, hints) : null, error);
  const self = {
    node,
    get: control.get,
    set: control.set,
    focus: () => control.input.focus(),
    setError: (msg) => setError(control.input, error, msg),
    walk: (path, map) => { map[path] = self; },
  };
  return self;
}

function hintText(field, editing) {
  const parts = [];
  if (field.description) parts.push(field.description);
  const s = field.schema;
  if (field.secret) parts.push(editing ? "Write-only: leave empty to keep the stored value." : "Write-only: never shown again.");
  if (s.minLength !== undefined && s.maxLength !== undefined) parts.push(s.minLength + " to " + s.maxLength + " characters.");
  else if (s.maxLength !== undefined) parts.push("At most " + s.maxLength + " characters.");
  else if (s.minLength !== undefined && s.minLength > 1) parts.push("At least " + s.minLength + " characters.");
  if (s.exclusiveMinimum !== undefined) parts.push("More than " + s.exclusiveMinimum + ".");
  if (s.exclusiveMaximum !== undefined) parts.push("Less than " + s.exclusiveMaximum + ".");
  if (s.minimum !== undefined && s.maximum !== undefined) parts.push("From " + s.minimum + " to " + s.maximum + ".");
  if (field.kind === "datetime") parts.push("In your local time.");
  if (field.ref && field.ref.onDelete === "cascade") parts.push("Deleting that " + field.ref.to + " deletes this too.");
  return parts.join(" ");
}

// A JSON Schema pattern matches anywhere; the HTML attribute must match the whole value, and a pattern the
// browser's regex syntax cannot read is left to the server (an invalid attribute would only log an error).
function htmlPattern(pattern) {
  const whole = pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$")
    ? pattern.slice(1, -1)
    : "[\\s\\S]*(?:" + pattern + ")[\\s\\S]*";
  try {
    new RegExp("^(?:" + whole + ")$", "v");
    return whole;
  } catch (e) {
    return null;
  }
}

const INPUT_TYPES = {
  string: "text", email: "email", url: "url", uuid: "text", date: "date", datetime: "datetime-local",
  int: "number", long: "number", double: "number", decimal: "number",
};

function plainControl(field, id) {
  const s = field.schema;
  const common = { id, name: field.name, required: field.required && !field.secret };
  let input;
  if (field.kind === "text") {
    input = h("textarea", Object.assign(common, { rows: 4, maxlength: s.maxLength, minlength: s.minLength }));
  } else if (field.kind === "enum") {
    input = h("select", common,
      h("option", { value: "" }, field.required ? "Choose…" : "—"),
      field.values.map((v) => h("option", { value: v }, v)));
  } else if (field.kind === "boolean") {
    input = h("input", Object.assign(common, { type: "checkbox", required: false }));
  } else {
    const attrs = Object.assign(common, { type: field.secret ? "password" : INPUT_TYPES[field.kind] || "text" });
    if (field.secret) attrs.autocomplete = "off";
    if (s.maxLength !== undefined) attrs.maxlength = s.maxLength;
    if (s.minLength !== undefined) attrs.minlength = s.minLength;
    if (s.pattern && !field.ref) {
      const pattern = htmlPattern(s.pattern);
      if (pattern) attrs.pattern = pattern;
    }
    if (field.kind === "uuid") attrs.pattern = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    if (attrs.type === "number") {
      attrs.step = field.kind === "int" || field.kind === "long" ? "1" : "any";
      const min = s.minimum !== undefined ? s.minimum : s.exclusiveMinimum;
      const max = s.maximum !== undefined ? s.maximum : s.exclusiveMaximum;
      if (min !== undefined) attrs.min = min;
      if (max !== undefined) attrs.max = max;
      attrs.inputmode = field.kind === "int" || field.kind === "long" ? "numeric" : "decimal";
    }
    if (field.kind === "datetime") attrs.step = "1";
    input = h("input", attrs);
  }
  return { node: input, input, get: () => readInput(field, input), set: (v) => writeInput(field, input, v) };
}

function readInput(field, input) {
  if (field.kind === "boolean") return input.checked;
  const value = input.value;
  if (value === "") return null;
  switch (field.kind) {
    case "int": case "long": case "double": case "decimal": {
      const n = Number(value);
      return Number.isFinite(n) ? n : value; // the server names what is wrong with it
    }
    case "datetime": {
      const d = new Date(value);
      return isNaN(d.getTime()) ? value : d.toISOString();
    }
    default: return value;
  }
}

function writeInput(field, input, value) {
  if (field.kind === "boolean") {
    input.checked = value === true;
    return;
  }
  if (value === null || value === undefined) {
    input.value = "";
    return;
  }
  if (field.kind === "datetime") {
    const d = new Date(value);
    const pad = (n) => String(n).padStart(2, "0");
    input.value = isNaN(d.getTime()) ? "" : d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate())
      + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
    return;
  }
  input.value = String(value);
}

/** The label of a document of an entity: its display field, else its id. */
export function labelOf(entity, doc) {
  if (!doc) return "";
  const value = doc[entity.display];
  return value === null || value === undefined || value === "" ? doc.id : String(value);
}

// A select of the target's documents, with a search box that narrows it by prefix of the display field (the
// filter allowlist has no regex: a range on the field is a prefix search).
function refPicker(field, id) {
  const target = entityByName(field.ref.to);
  const select = h("select", { id, name: field.name, required: field.required });
  const searchId = uid("search");
  const search = h("input", { type: "search", id: searchId, class: "picker-search", autocomplete: "off", placeholder: "Type to search…" });
  const note = h("span", { class: "picker-note", "aria-live": "polite" });
  let current = null;
  let currentLabel = null;
  let timer = null;
  const fill = (docs) => {
    const options = [h("option", { value: "" }, field.required ? "Choose a " + target.label.toLowerCase() + "…" : "—")];
    const seen = new Set();
    if (current) {
      options.push(h("option", { value: current }, currentLabel || current));
      seen.add(current);
    }
    for (const doc of docs) {
      if (!seen.has(doc.id)) options.push(h("option", { value: doc.id }, labelOf(target, doc)));
      seen.add(doc.id);
    }
    show(select, options);
    select.value = current || "";
  };
  let latest = 0; // answers may arrive out of order: only the last search's is shown
  const load = async (prefix) => {
    const mine = ++latest;
    const query = { limit: 20 };
    if (target.display !== "id") {
      query.sort = target.display;
      if (prefix) query.filter = JSON.stringify({ [target.display]: { $gte: prefix, $lt: prefix + "\uffff" } });
    }
    try {
      const page = await api("GET", "/api/v1/" + target.path, { query });
      if (mine !== latest) return;
      fill(page.items);
      note.textContent = page.total > page.items.length ? "Showing " + page.items.length + " of " + page.total + "; type to narrow." : page.total + " found";
    } catch (e) {
      note.textContent = e.message;
    }
  };
  select.addEventListener("change", () => {
    current = select.value || null;
    currentLabel = current ? select.selectedOptions[0].textContent : null;
  });
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(search.value.trim()), 250);
  });
  load("");
  const node = h("div", { class: "picker" }, select,
    h("label", { for: searchId, class: "picker-label" }, "Search " + target.plural.toLowerCase()), search, note);
  return {
    node,
    input: select,
    get: () => select.value || null,
    set: async (value) => {
      current = value || null;
      currentLabel = null;
      fill([]);
      if (current) {
        try {
          currentLabel = labelOf(target, await api("GET", "/api/v1/" + target.path + "/" + current));
        } catch (e) {
          currentLabel = current + " (not visible)";
        }
        load("");
      }
    },
  };
}

function objectWidget(field, editing) {
  // Inside an optional object, a required field is required only once the object is filled in: the browser
  // cannot express that, so the hint says it and the server checks it.
  const needed = field.required ? [] : field.fields.filter((f) => f.required).map((f) => f.label);
  const children = field.fields.map((f) => widget(field.required ? f : Object.assign({}, f, { required: false }), editing));
  const error = h("p", { class: "error", hidden: true });
  const hint = [field.description, needed.length ? "Optional; when filled in, " + needed.join(", ") + " must be given." : ""]
    .filter(Boolean).join(" ");
  const node = h("fieldset", { class: "object" }, h("legend", {}, field.label, field.required ? requiredMark() : null),
    hint ? h("p", { class: "hint" }, hint) : null, error, children.map((c) => c.node));
  const self = {
    node,
    get() {
      const out = {};
      let any = false;
      children.forEach((c, i) => {
        const v = c.get();
        if (v !== null && v !== false && !(Array.isArray(v) && v.length === 0)) any = true;
        out[field.fields[i].name] = v;
      });
      return any || field.required ? out : null;
    },
    set(value) {
      children.forEach((c, i) => c.set(value ? value[field.fields[i].name] : null));
    },
    focus: () => children.length && children[0].focus(),
    setError: (msg) => { error.textContent = msg || ""; error.hidden = !msg; },
    walk(path, map) {
      map[path] = self;
      children.forEach((c, i) => c.walk(path + "." + field.fields[i].name, map));
    },
  };
  return self;
}

// A list of enum values: one checkbox per value.
function enumSetWidget(field) {
  const boxes = field.item.values.map((v) => {
    const id = uid(field.name);
    const box = h("input", { type: "checkbox", id, value: v, name: field.name });
    return { box, node: h("div", { class: "check" }, box, h("label", { for: id }, v)) };
  });
  const error = h("p", { class: "error", hidden: true });
  const node = h("fieldset", { class: "set" }, h("legend", {}, field.label, field.required ? requiredMark() : null),
    boxes.map((b) => b.node), error);
  const self = {
    node,
    get: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value),
    set: (value) => boxes.forEach((b) => { b.box.checked = Array.isArray(value) && value.includes(b.box.value); }),
    focus: () => boxes[0].box.focus(),
    setError: (msg) => { error.textContent = msg || ""; error.hidden = !msg; },
    walk: (path, map) => { map[path] = self; },
  };
  return self;
}

// Repeatable rows: one item widget per row, Add and Remove buttons, minItems and maxItems kept.
function listWidget(field, editing) {
  const rows = [];
  const s = field.schema;
  const box = h("div", { class: "items" });
  const error = h("p", { class: "error", hidden: true });
  const add = h("button", { type: "button", class: "add" }, "Add " + field.item.label.toLowerCase());
  const node = h("fieldset", { class: "list" }, h("legend", {}, field.label, field.required ? requiredMark() : null),
    field.description ? h("p", { class: "hint" }, field.description) : null, box, add, error);
  const refresh = () => {
    add.disabled = s.maxItems !== undefined && rows.length >= s.maxItems;
    rows.forEach((row, i) => {
      row.remove.textContent = "Remove";
      row.remove.setAttribute("aria-label", "Remove " + field.item.label.toLowerCase() + " " + (i + 1));
    });
  };
  const addRow = (value) => {
    const item = field.item.kind === "object"
      ? objectWidget(Object.assign({}, field.item, { label: field.item.label + " " + (rows.length + 1), required: true }), editing)
      : scalarWidget(Object.assign({}, field.item, { required: true }), editing, field.item.label + " " + (rows.length + 1));
    const remove = h("button", { type: "button", class: "remove" });
    const row = { item, remove, node: h("div", { class: "item" }, item.node, remove) };
    remove.addEventListener("click", () => {
      rows.splice(rows.indexOf(row), 1);
      row.node.remove();
      refresh();
      add.focus();
    });
    rows.push(row);
    box.append(row.node);
    if (value !== undefined) item.set(value);
    refresh();
    return row;
  };
  add.addEventListener("click", () => addRow().item.focus());
  refresh();
  const self = {
    node,
    get: () => rows.map((r) => r.item.get()),
    set(value) {
      rows.splice(0).forEach((r) => r.node.remove());
      (Array.isArray(value) ? value : []).forEach((v) => addRow(v));
      refresh();
    },
    focus: () => (rows.length ? rows[0].item.focus() : add.focus()),
    setError: (msg) => { error.textContent = msg || ""; error.hidden = !msg; },
    walk(path, map) {
      map[path] = self;
      rows.forEach((r, i) => r.item.walk(path + "." + i, map));
    },
  };
  return self;
}
