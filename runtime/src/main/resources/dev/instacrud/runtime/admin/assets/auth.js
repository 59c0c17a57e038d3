// Sign-in, sign-up, invitation redemption, the OAuth session-code exchange, and the account pages the service
// offers (password change and reset, email proof, sign-out everywhere appear when the runtime has them).

import { api, ApiError, forgetTokens, keepTokens } from "./api.js";
import { button, h, notice, show } from "./dom.js";
import { applyErrors, simpleRow } from "./fields.js";
import { loadModel, offers } from "./model.js";

const TURNSTILE_SCRIPT = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

function nextPath(c) {
  const next = c.query.get("next") || "";
  return next.startsWith("/admin/") && !next.startsWith("/admin/signin") ? next : "/admin/";
}

// Cloudflare's widget, when the service requires it: the token goes out as the CF-Turnstile-Token header.
function turnstile(c) {
  const state = { token: null, node: null };
  if (!c.ui.auth.turnstile) return state;
  if (!c.ui.auth.turnstileSiteKey) {
    state.node = notice("error", "This service requires a Turnstile check, but TURNSTILE_SITE_KEY is not set.");
    return state;
  }
  const box = h("div", { class: "turnstile" });
  state.node = box;
  const start = () => window.turnstile.render(box, {
    sitekey: c.ui.auth.turnstileSiteKey,
    callback: (token) => { state.token = token; },
  });
  if (window.turnstile) {
    queueMicrotask(start);
  } else {
    const script = h("script", { src: TURNSTILE_SCRIPT, async: true });
    script.addEventListener("load", start);
    script.addEventListener("error", () => show(box, notice("error", "The Turnstile check could not be loaded.")));
    document.head.append(script);
  }
  return state;
}

function turnstileHeaders(state) {
  return state.token ? { "CF-Turnstile-Token": state.token } : {};
}

async function signInWith(c, email, password, check) {
  const answer = await api("POST", "/api/v1/auth/signin", {
    anonymous: true,
    body: { email, password },
    headers: turnstileHeaders(check),
  });
  keepTokens(answer);
  c.forgetUser();
}

export async function signin(c) {
  forgetTokens();
  c.forgetUser();
  const email = simpleRow("email", "Email", { type: "email", required: true, autocomplete: "username" });
  const password = simpleRow("password", "Password", { type: "password", required: true, autocomplete: "current-password" });
  const check = turnstile(c);
  const message = h("div", { class: "messages" });
  if (c.query.get("expired")) show(message, notice("info", "Your session has ended. Please sign in again."));
  const form = h("form", { class: "narrow", novalidate: false }, email.row, password.row, check.node, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Sign in")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    try {
      await signInWith(c, email.input.value, password.input.value, check);
      c.navigate(nextPath(c), true);
    } catch (e) {
      applyErrors(e, { email, password }, message);
    }
  });
  const providers = c.ui.auth.oauth;
  return h(
    "section",
    {},
    h("h1", { tabindex: "-1" }, "Sign in"),
    form,
    providers.length
      ? h("div", { class: "oauth" }, h("p", {}, "Or sign in with:"), providers.map((p) => h(
        "a",
        { class: "button", href: "/api/v1/auth/oauth/" + encodeURIComponent(p) + "/login" },
        "Sign in with " + providerName(p),
      )))
      : null,
    h("p", {}, c.ui.auth.registration === "open" ? h("a", { href: "/admin/signup" }, "Create an account") : null,
      c.ui.auth.registration === "open" ? " · " : null,
      h("a", { href: "/admin/join" }, "I have an invitation"),
      offers("POST", "/api/v1/auth/password-reset") ? [" · ", h("a", { href: "/admin/forgot-password" }, "Forgot your password?")] : null),
  );
}

function providerName(p) {
  return { google: "Google", microsoft: "Microsoft" }[p] || p.charAt(0).toUpperCase() + p.slice(1);
}

function signupPage(c, invitation) {
  const rows = {
    name: simpleRow("name", "Your name", { required: true, maxlength: 200, autocomplete: "name" }),
    email: simpleRow("email", "Email", { type: "email", required: true, autocomplete: "email" }),
    password: simpleRow("password", "Password", {
      type: "password", required: true, minlength: 8, autocomplete: "new-password",
    }, "At least 8 characters (72 bytes at most)."),
  };
  if (invitation) {
    rows.invitation = simpleRow("invitation", "Invitation code", { required: true, autocomplete: "off" });
    rows.invitation.input.value = c.query.get("code") || "";
  } else {
    rows.organization = simpleRow("organization", "Organisation name", { required: true, maxlength: 200, autocomplete: "organization" },
      "A new organisation is created for you; you will be its administrator.");
  }
  const check = turnstile(c);
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, Object.values(rows).map((r) => r.row), check.node, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, invitation ? "Join" : "Create account")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    const body = {};
    for (const [name, row] of Object.entries(rows)) body[name] = row.input.value;
    try {
      await api("POST", "/api/v1/auth/signup", { anonymous: true, body, headers: turnstileHeaders(check) });
      await signInWith(c, body.email, body.password, check);
      c.navigate("/admin/", true);
    } catch (e) {
      applyErrors(e, rows, message);
    }
  });
  return h("section", {}, h("h1", { tabindex: "-1" }, invitation ? "Join with an invitation" : "Create an account"), form,
    h("p", {}, h("a", { href: "/admin/signin" }, "I already have an account")));
}

export async function signup(c) {
  return signupPage(c, false);
}

export async function join(c) {
  return signupPage(c, true);
}

// FRONTEND_URL/oauth/callback?session_code=...: the one-time code becomes a token, once.
export async function oauthCallback(c) {
  const code = c.query.get("session_code");
  history.replaceState(null, "", "/admin/oauth/callback"); // the code must not stay in the history
  if (!code) {
    return h("section", {}, h("h1", { tabindex: "-1" }, "Sign-in failed"),
      notice("error", c.query.get("error") ? "The provider refused the sign-in." : "No session code was given."),
      h("p", {}, h("a", { href: "/admin/signin" }, "Back to sign-in")));
  }
  try {
    keepTokens(await api("POST", "/api/v1/auth/oauth/session", { anonymous: true, body: { session_code: code } }));
    c.forgetUser();
    c.navigate("/admin/", true);
    return null;
  } catch (e) {
    return h("section", {}, h("h1", { tabindex: "-1" }, "Sign-in failed"),
      notice("error", e.status === 401 ? "This sign-in link has expired or was already used." : e.message),
      h("p", {}, h("a", { href: "/admin/signin" }, "Back to sign-in")));
  }
}

export async function forgotPassword(c) {
  await loadModel();
  const email = simpleRow("email", "Email", { type: "email", required: true, autocomplete: "email" });
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, email.row, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Send a reset link")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", "/api/v1/auth/password-reset", { anonymous: true, body: { email: email.input.value } });
      show(message, notice("ok", "If an account has this address, a reset link is on its way."));
    } catch (e) {
      applyErrors(e, { email }, message);
    }
  });
  return h("section", {}, h("h1", { tabindex: "-1" }, "Reset your password"),
    offers("POST", "/api/v1/auth/password-reset") ? form : notice("info", "This service does not offer password resets."));
}

export async function resetPassword(c) {
  const token = c.query.get("token") || "";
  history.replaceState(null, "", "/admin/reset-password");
  const password = simpleRow("newPassword", "New password", { type: "password", required: true, minlength: 8, autocomplete: "new-password" });
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, password.row, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Set password")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", "/api/v1/auth/password-reset/confirm", { anonymous: true, body: { token, newPassword: password.input.value } });
      show(form, notice("ok", "Your password is set. ", h("a", { href: "/admin/signin" }, "Sign in")));
    } catch (e) {
      applyErrors(e, { newPassword: password }, message);
    }
  });
  return h("section", {}, h("h1", { tabindex: "-1" }, "Choose a new password"), form);
}

export async function verifyEmail(c) {
  const token = c.query.get("token") || "";
  history.replaceState(null, "", "/admin/verify-email");
  let result;
  try {
    await api("POST", "/api/v1/auth/verify-email", { anonymous: true, body: { token } });
    result = notice("ok", "Your email address is verified.");
  } catch (e) {
    result = notice("error", e.status === 400 || e.status === 404 ? "This link is invalid or has expired." : e.message);
  }
  return h("section", {}, h("h1", { tabindex: "-1" }, "Email verification"), result,
    h("p", {}, h("a", { href: "/admin/" }, "Continue")));
}

export async function account(c) {
  const me = await api("GET", "/api/v1/me");
  const facts = [["Name", me.name], ["Email", me.email], ["Role", me.role], ["Organisation", me.organizationId]];
  if ("emailVerified" in me) facts.push(["Email verified", me.emailVerified ? "Yes" : "No"]);
  if (me.createdAt) facts.push(["Member since", new Date(me.createdAt).toLocaleString()]);
  const parts = [h("h1", { tabindex: "-1" }, "Your account"),
    h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v === null || v === undefined ? "—" : String(v))]))];
  if (offers("POST", "/api/v1/auth/password")) parts.push(passwordForm());
  if (offers("POST", "/api/v1/auth/signout-all")) {
    parts.push(h("h2", {}, "Sessions"), button("Sign out everywhere", async () => {
      await api("POST", "/api/v1/auth/signout-all", { body: {} });
      forgetTokens();
      c.forgetUser();
      c.navigate("/admin/signin");
    }));
  }
  return h("section", {}, parts);
}

function passwordForm() {
  const rows = {
    currentPassword: simpleRow("currentPassword", "Current password", { type: "password", required: true, autocomplete: "current-password" }),
    newPassword: simpleRow("newPassword", "New password", { type: "password", required: true, minlength: 8, autocomplete: "new-password" }),
  };
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, h("h2", {}, "Change your password"), rows.currentPassword.row, rows.newPassword.row, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Change password")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    try {
      const answer = await api("POST", "/api/v1/auth/password", {
        body: { currentPassword: rows.currentPassword.input.value, newPassword: rows.newPassword.input.value },
      });
      if (answer && answer.access_token) keepTokens(answer); // other sessions are signed out; this one goes on
      form.reset();
      show(message, notice("ok", "Your password is changed."));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      applyErrors(e, rows, message);
    }
  });
  return form;
}
