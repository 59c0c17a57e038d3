// Building the page. Everything shown from data goes through text nodes (never parsed as markup), attributes are set one
// by one (never event-handler or style attributes), and links only ever point inside this admin or, for url
// fields, at http(s) addresses: a stored "javascript:" URL is shown as text.

const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$|formaction$)/i;

/** An element: h("a", {href: "/admin/", class: "x", onclick: fn}, "text", child, [children]). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (FORBIDDEN_ATTRIBUTE.test(name)) {
      throw new Error("attribute not allowed: " + name);
    } else if (name === "href") {
      const safe = safeHref(String(value));
      if (safe !== null) el.setAttribute("href", safe);
    } else if (name === "value" || name === "checked" || name === "selected") {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A path inside this admin, or an absolute http(s) URL; anything else (javascript:, data:, //host) is refused. */
export function safeHref(value) {
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return value;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch (e) {
    // not a URL
  }
  return null;
}

/** Replaces the children of an element. */
export function show(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let nextId = 0;
/** A unique id for label/describedby pairs. */
export function uid(prefix) {
  nextId += 1;
  return (prefix || "f") + "-" + nextId;
}

/** Announces a message to screen readers (and shows nothing else). */
export function announce(message) {
  const status = document.getElementById("status");
  if (status) status.textContent = message;
}

/** A message box: kind is "error", "info" or "ok". */
export function notice(kind, ...content) {
  return h("div", { class: "notice " + kind, role: kind === "error" ? "alert" : "status", tabindex: "-1" }, ...content);
}

/** A button that runs an async action, disabled while it runs. */
export function button(label, action, props) {
  const el = h("button", Object.assign({ type: "button" }, props || {}), label);
  el.addEventListener("click", async () => {
    el.disabled = true;
    try {
      await action(el);
    } finally {
      el.disabled = false;
    }
  });
  return el;
}

/** A modal confirmation (the native dialog element: focus is trapped and Escape cancels). */
export function confirmDialog(title, body, confirmLabel) {
  return new Promise((resolve) => {
    const titleId = uid("dlg");
    const dialog = h("dialog", { class: "confirm", "aria-labelledby": titleId });
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    show(
      dialog,
      h("h2", { id: titleId }, title),
      body,
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "danger", onclick: () => done(true) }, confirmLabel),
        h("button", { type: "button", onclick: () => done(false), autofocus: true }, "Cancel"),
      ),
    );
    dialog.addEventListener("cancel", () => done(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * The pager of a server-side page: "Showing 21–40 of 95", Previous, Next and the page size. go(offset, limit) moves.
 */
export function pager(page, shown, sizes, go) {
  const { offset, limit, total } = page;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + shown, total);
  const size = h("select", { id: uid("page-size") }, sizes.map((n) => h("option", { value: n, selected: n === limit }, String(n))));
  size.addEventListener("change", () => go(0, parseInt(size.value, 10)));
  return h("nav", { class: "pager", "aria-label": "Pages" },
    h("span", { class: "count" }, total === 0 ? "None" : "Showing " + first + "–" + last + " of " + total),
    h("button", { type: "button", disabled: offset === 0, onclick: () => go(Math.max(0, offset - limit), limit) }, "Previous"),
    h("button", { type: "button", disabled: offset + limit >= total, onclick: () => go(offset + limit, limit) }, "Next"),
    h("label", { for: size.id }, "Per page"), size);
}
