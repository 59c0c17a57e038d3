// The filter builder: rows of field, operator and value, combined with $and. It only offers operators of the
// server's allowlist on declared, readable fields (secret fields are not in the read schema, so never offered);
// the server still checks every filter and its 400 is shown as it is.

import { h, uid } from "./dom.js";

const OPERATORS = {
  $eq: "is",
  $ne: "is not",
  $gt: "greater than",
  $gte: "at least",
  $lt: "less than",
  $lte: "at most",
  $in: "is one of (comma-separated)",
  $exists: "is set",
};
const ORDERED = ["int", "long", "double", "decimal", "date", "datetime", "string", "email", "url", "text"];

/** The fields a filter may use: top-level values, refs, lists of values, and the audit fields. */
export function filterableFields(entity) {
  const fields = entity.fields.filter((f) => !f.secret && f.kind !== "object" && !(f.kind === "list" && f.item.kind === "object"));
  return fields.concat(entity.audit.filter((f) => f.name !== "version"));
}

function operatorsFor(field) {
  const kind = field.kind === "list" ? field.item.kind : field.kind;
  const ops = ["$eq", "$ne", "$in", "$exists"];
  if (ORDERED.includes(kind)) ops.splice(2, 0, "$gt", "$gte", "$lt", "$lte");
  if (kind === "boolean") return ["$eq", "$ne", "$exists"];
  return ops;
}

function parseValue(field, op, raw) {
  const kind = field.kind === "list" ? field.item.kind : field.kind;
  if (op === "$exists") return raw !== "false";
  if (op === "$in") return raw.split(",").map((part) => parseOne(kind, part.trim())).filter((v) => v !== "");
  return parseOne(kind, raw);
}

function parseOne(kind, raw) {
  switch (kind) {
    case "int": case "long": case "double": case "decimal": {
      const n = Number(raw);
      return raw !== "" && Number.isFinite(n) ? n : raw;
    }
    case "boolean": return raw === "true";
    case "datetime": {
      const d = new Date(raw);
      return isNaN(d.getTime()) ? raw : d.toISOString();
    }
    default: return raw;
  }
}

/** A filter as the API takes it ({"$and": [...]}) from the rows, or null when there are none. */
export function toFilter(conditions) {
  const clauses = conditions.map((c) => ({ [c.field]: { [c.op]: c.value } }));
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

/** Reads back a filter this builder made (for a reload); anything else is shown as is and kept. */
export function fromFilter(filter) {
  if (!filter || typeof filter !== "object") return [];
  const clauses = Array.isArray(filter.$and) ? filter.$and : [filter];
  const out = [];
  for (const clause of clauses) {
    const [field] = Object.keys(clause);
    const cond = clause[field];
    if (cond && typeof cond === "object" && !Array.isArray(cond)) {
      const [op] = Object.keys(cond);
      out.push({ field, op, value: cond[op] });
    } else {
      out.push({ field, op: "$eq", value: cond });
    }
  }
  return out;
}

/** The builder: onApply(filterObjectOrNull) runs when the user applies or clears it. */
export function filterBuilder(entity, current, onApply) {
  const fields = filterableFields(entity);
  const rows = [];
  const list = h("div", { class: "filter-rows" });
  const addRow = (cond) => {
    const fieldId = uid("ff");
    const opId = uid("fo");
    const valueId = uid("fv");
    const fieldSelect = h("select", { id: fieldId }, fields.map((f) => h("option", { value: f.name }, f.label)));
    const opSelect = h("select", { id: opId });
    const valueBox = h("span", { class: "value" });
    let valueInput = null;
    const fieldOf = () => fields.find((f) => f.name === fieldSelect.value);
    const renderValue = (value) => {
      const field = fieldOf();
      const kind = field.kind === "list" ? field.item.kind : field.kind;
      const op = opSelect.value;
      if (op === "$exists" || kind === "boolean") {
        valueInput = h("select", { id: valueId }, h("option", { value: "true" }, op === "$exists" ? "yes" : "true"),
          h("option", { value: "false" }, op === "$exists" ? "no" : "false"));
      } else if ((kind === "enum") && op !== "$in") {
        const values = field.kind === "list" ? field.item.values : field.values;
        valueInput = h("select", { id: valueId }, values.map((v) => h("option", { value: v }, v)));
      } else {
        const type = op === "$in" ? "text" : { date: "date", datetime: "datetime-local", int: "number", long: "number", double: "number", decimal: "number" }[kind] || "text";
        valueInput = h("input", { id: valueId, type, step: type === "number" ? "any" : null });
      }
      if (value !== undefined && value !== null) {
        valueInput.value = Array.isArray(value) ? value.join(", ") : String(value);
      }
      valueBox.replaceChildren(h("label", { for: valueId, class: "visually-hidden" }, "Value"), valueInput);
    };
    const renderOps = (op) => {
      const ops = operatorsFor(fieldOf());
      opSelect.replaceChildren(...ops.map((o) => h("option", { value: o }, OPERATORS[o])));
      opSelect.value = op && ops.includes(op) ? op : ops[0];
    };
    fieldSelect.addEventListener("change", () => { renderOps(); renderValue(); });
    opSelect.addEventListener("change", () => renderValue());
    if (cond && fields.some((f) => f.name === cond.field)) fieldSelect.value = cond.field;
    renderOps(cond && cond.op);
    renderValue(cond && cond.value);
    const remove = h("button", { type: "button", class: "remove", "aria-label": "Remove this condition" }, "Remove");
    const row = {
      node: h("div", { class: "filter-row", role: "group", "aria-label": "Condition" },
        h("label", { for: fieldId, class: "visually-hidden" }, "Field"), fieldSelect,
        h("label", { for: opId, class: "visually-hidden" }, "Operator"), opSelect, valueBox, remove),
      read: () => ({ field: fieldSelect.value, op: opSelect.value, value: parseValue(fieldOf(), opSelect.value, valueInput.value) }),
    };
    remove.addEventListener("click", () => {
      rows.splice(rows.indexOf(row), 1);
      row.node.remove();
    });
    rows.push(row);
    list.append(row.node);
    return row;
  };
  fromFilter(current).forEach(addRow);
  const form = h("form", { class: "filter", "aria-label": "Filter" },
    h("h2", { class: "small" }, "Filter"), list,
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => { addRow(); rows[rows.length - 1].node.querySelector("select").focus(); } }, "Add condition"),
      h("button", { type: "submit", class: "primary" }, "Apply filter"),
      h("button", { type: "button", onclick: () => { rows.splice(0).forEach((r) => r.node.remove()); onApply(null); } }, "Clear")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onApply(toFilter(rows.map((r) => r.read())));
  });
  return form;
}
