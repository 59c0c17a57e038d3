// The admin's shell: routes under /admin/ (the server answers every such path with this page, so reloads and shared
// links work), the navigation, and who is signed in.

import { api, ApiError, signedIn, whenSignedOut } from "./api.js";
import { h, notice, show } from "./dom.js";
import { loadModel, loadUi } from "./model.js";
import * as auth from "./auth.js";
import * as pages from "./entities.js";

// The organisation's pages are for ORG_ADMINs only: their code is fetched when one is opened, not on the first screen.
const org = (page) => (c) => import("./org.js").then((m) => m[page](c));
const audit = (c) => import("./audit.js").then((m) => m.auditLog(c));

const ROUTES = [
  [/^$/, home],
  [/^signin$/, auth.signin, true],
  [/^signup$/, auth.signup, true],
  [/^join$/, auth.join, true],
  [/^oauth\/callback$/, auth.oauthCallback, true],
  [/^forgot-password$/, auth.forgotPassword, true],
  [/^reset-password$/, auth.resetPassword, true],
  [/^verify-email$/, auth.verifyEmail, true],
  [/^account$/, auth.account],
  [/^e\/([a-z0-9-]+)$/, pages.list],
  [/^e\/([a-z0-9-]+)\/new$/, pages.create],
  [/^e\/([a-z0-9-]+)\/([0-9a-f]{24})$/, pages.detail],
  [/^e\/([a-z0-9-]+)\/([0-9a-f]{24})\/edit$/, pages.edit],
  [/^org\/invitations$/, org("invitations")],
  [/^org\/users$/, org("users")],
  [/^org\/database$/, org("database")],
  [/^org\/audit$/, audit],
];

const main = document.getElementById("main");
const ctx = {
  me: null,
  ui: null,
  navigate,
  refreshNav: renderNav,
  main,
  forgetUser: () => { ctx.me = null; },
  setUser: (me) => { ctx.me = me; renderNav(); },
};
let rendering = 0;

/** Goes to a path of this admin (e.g. "/admin/e/wards?offset=20"). */
export function navigate(url, replace) {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

async function render() {
  const run = ++rendering;
  const path = location.pathname.replace(/^\/admin\/?/, "").replace(/\/$/, "");
  const query = new URLSearchParams(location.search);
  let route = null;
  let match = null;
  for (const candidate of ROUTES) {
    match = candidate[0].exec(path);
    if (match) {
      route = candidate;
      break;
    }
  }
  try {
    ctx.ui = await loadUi();
    if (!route) {
      show(main, h("h1", { tabindex: "-1" }, "Page not found"), h("p", {}, h("a", { href: "/admin/" }, "Home")));
      return finish();
    }
    const isPublic = route[2] === true;
    if (!isPublic && !signedIn()) {
      const next = location.pathname + location.search;
      navigate("/admin/signin" + (path ? "?next=" + encodeURIComponent(next) : ""), true);
      return;
    }
    if (signedIn() && !ctx.me) {
      ctx.me = await api("GET", "/api/v1/me");
      await loadModel();
    }
    if (!signedIn()) ctx.me = null;
    renderNav();
    const content = await route[1](Object.assign({}, ctx, { params: match.slice(1), query }));
    if (run !== rendering) return; // a newer navigation won
    if (content) show(main, content);
    finish();
  } catch (e) {
    if (run !== rendering) return;
    if (e instanceof ApiError && e.status === 401) return; // whenSignedOut has moved on to sign-in
    show(main, h("h1", { tabindex: "-1" }, "Something went wrong"), notice("error", e.message || String(e)));
    finish();
  }
}

function finish() {
  const heading = main.querySelector("h1");
  const service = ctx.ui ? ctx.ui.service : "";
  document.title = (heading ? heading.textContent + " · " : "") + service + " admin";
  if (heading && document.activeElement === document.body) heading.focus();
  else if (heading && !main.contains(document.activeElement)) heading.focus();
}

function renderNav() {
  const top = document.getElementById("topnav");
  const side = document.getElementById("sidenav");
  document.getElementById("brand").textContent = (ctx.ui ? ctx.ui.service : "") + " admin";
  if (!signedIn() || !ctx.me) {
    show(top, h("a", { href: "/docs/" }, "API docs"));
    show(side);
    side.hidden = true;
    return;
  }
  side.hidden = false;
  const me = ctx.me;
  const links = [h("span", { class: "who" }, me.name || me.email, " · ", me.role.replace("_", " ").toLowerCase())];
  links.push(h("a", { href: "/admin/account" }, "Account"));
  if (me.role === "ORG_ADMIN") {
    links.push(h("a", { href: "/admin/org/users" }, "Users"));
    links.push(h("a", { href: "/admin/org/invitations" }, "Invitations"));
    links.push(h("a", { href: "/admin/org/audit" }, "Audit log"));
    if (ctx.ui.orgDatabases) links.push(h("a", { href: "/admin/org/database" }, "Database"));
  }
  links.push(h("a", { href: "/docs/" }, "API docs"));
  links.push(h("button", { type: "button", class: "link", onclick: signOut }, "Sign out"));
  show(top, links);
  show(
    side,
    h("h2", { class: "visually-hidden" }, "Entities"),
    h("ul", {}, ctx.ui.entities.map((e) => h("li", {}, h("a", {
      href: "/admin/e/" + e.path,
      "aria-current": location.pathname.startsWith("/admin/e/" + e.path) ? "page" : null,
    }, pages.pluralLabel(e))))),
  );
}

async function signOut() {
  await auth.endSession();
  ctx.me = null;
  navigate("/admin/signin?notice=signedout");
}

async function home(c) {
  const entities = await loadModel();
  return h(
    "section",
    {},
    h("h1", { tabindex: "-1" }, "Welcome, " + (c.me.name || c.me.email)),
    h("p", {}, "You are signed in as ", h("strong", {}, c.me.role), ". Pick what to look at:"),
    h("ul", { class: "cards" }, entities.map((e) => h(
      "li",
      {},
      h("a", { href: "/admin/e/" + e.path }, pages.pluralLabel(e)),
      e.description ? h("p", {}, e.description) : null,
    ))),
  );
}

whenSignedOut(() => {
  ctx.me = null;
  const next = location.pathname + location.search;
  navigate("/admin/signin?notice=expired&next=" + encodeURIComponent(next), true);
});

document.addEventListener("click", (event) => {
  const link = event.target.closest("a");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
    || event.altKey || link.target) return;
  const href = link.getAttribute("href");
  if (href && href.startsWith("/admin/")) {
    event.preventDefault();
    navigate(href);
  }
});
window.addEventListener("popstate", render);
ctx.reload = render;
render();
