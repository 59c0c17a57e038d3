// Signing up, in and out, invitation redemption, the OAuth session-code exchange, the pages mail links open (email
// proof, password reset), and the signed-in user's own account: name, password, sessions, deletion.

import { api, ApiError, forgetTokens, keepTokens, signedIn } from "./api.js";
import { button, confirmDialog, h, notice, show } from "./dom.js";
import { applyErrors, simpleRow } from "./fields.js";

const TURNSTILE_SCRIPT = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

// What the sign-in page says about how the last session ended (?notice=...): fixed texts, never text from the address.
const SIGNIN_NOTICES = {
  expired: ["info", "You have been signed out: your session expired, or was ended by a sign-out elsewhere, a password "
    + "change or an administrator. Please sign in again."],
  signedout: ["ok", "You are signed out."],
  everywhere: ["ok", "You are signed out everywhere: every session of your account has ended."],
  reauthenticate: ["info", "Sign in again to confirm it is you, then delete your account."],
  deleted: ["ok", "Your account is deleted."],
  reset: ["ok", "Your new password is set, and every session of your account has ended. Sign in with it."],
  created: ["ok", "Your account is created. Sign in."],
  verified: ["ok", "Your email address is verified. Sign in."],
};

function nextPath(c) {
  const next = c.query.get("next") || "";
  return next.startsWith("/admin/") && !next.startsWith("/admin/signin") ? next : "/admin/";
}

function verificationRequired(c) {
  return c.ui.auth.emailVerification === "required";
}

// Cloudflare's widget, when the service requires it: the token goes out as the CF-Turnstile-Token header. A token
// is good for one request, so every form that sends one shows a widget of its own.
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

/** The header that carries a Turnstile token, for the forms of other pages. */
export function turnstileCheck(c) {
  const state = turnstile(c);
  return { node: state.node, headers: () => turnstileHeaders(state) };
}

function turnstileHeaders(state) {
  return state.token ? { "CF-Turnstile-Token": state.token } : {};
}

/** Ends this tab's session on the server (best effort) and forgets its tokens. */
export async function endSession() {
  if (signedIn()) {
    try {
      await api("POST", "/api/v1/auth/signout", { quiet: true });
    } catch (e) {
      // signed out here either way; the server's session ends with its tokens' lifetime at the latest
    }
  }
  forgetTokens();
}

export async function signin(c) {
  await endSession(); // opening sign-in while signed in ends that session first
  c.forgetUser();
  const email = simpleRow("email", "Email", { type: "email", required: true, autocomplete: "username" });
  const password = simpleRow("password", "Password", { type: "password", required: true, autocomplete: "current-password" });
  const check = turnstile(c);
  const message = h("div", { class: "messages" });
  const said = c.query.get("notice");
  if (Object.hasOwn(SIGNIN_NOTICES, said)) show(message, notice(...SIGNIN_NOTICES[said]));
  const form = h("form", { class: "narrow" }, email.row, password.row, check.node, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Sign in")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    try {
      keepTokens(await api("POST", "/api/v1/auth/signin", {
        anonymous: true,
        body: { email: email.input.value, password: password.input.value },
        headers: turnstileHeaders(check),
      }));
      c.forgetUser();
      c.navigate(nextPath(c), true);
    } catch (e) {
      applyErrors(e, { email, password }, message);
    }
  });
  const providers = c.ui.auth.oauth;
  const links = [h("a", { href: "/admin/forgot-password" }, "Forgot your password?"),
    h("a", { href: "/admin/join" }, "I have an invitation")];
  if (c.ui.auth.registration === "open") links.unshift(h("a", { href: "/admin/signup" }, "Create an account"));
  if (verificationRequired(c)) links.push(h("a", { href: "/admin/verify-email" }, "Send the verification link again"));
  return h(
    "section",
    {},
    h("h1", { tabindex: "-1" }, "Sign in"),
    verificationRequired(c)
      ? h("p", { class: "hint" }, "An account can sign in once its email address is verified, through the link mailed at sign-up.")
      : null,
    form,
    providers.length
      ? h("div", { class: "oauth" }, h("p", {}, "Or sign in with:"), providers.map((p) => h(
        "a",
        { class: "button", href: "/api/v1/auth/oauth/" + encodeURIComponent(p) + "/login" },
        "Sign in with " + providerName(p),
      )))
      : null,
    h("p", { class: "links" }, links.map((link, i) => [i ? " · " : null, link])),
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
  const section = h("section", {}, h("h1", { tabindex: "-1" }, invitation ? "Join with an invitation" : "Create an account"), form,
    h("p", {}, h("a", { href: "/admin/signin" }, "I already have an account")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    const body = {};
    for (const [name, row] of Object.entries(rows)) body[name] = row.input.value;
    let created;
    try {
      created = await api("POST", "/api/v1/auth/signup", { anonymous: true, body, headers: turnstileHeaders(check) });
    } catch (e) {
      applyErrors(e, rows, message);
      return;
    }
    if (!created || !created.userId || verificationRequired(c)) {
      // 202, or an account that may sign in only once its address is proved: the next step is in the mail
      show(section, checkYourMail(c, body.email));
      section.querySelector("h1").focus();
      return;
    }
    if (c.ui.auth.turnstile) {
      c.navigate("/admin/signin?notice=created", true); // the Turnstile token was spent on the sign-up
      return;
    }
    try {
      keepTokens(await api("POST", "/api/v1/auth/signin", {
        anonymous: true, body: { email: body.email, password: body.password },
      }));
      c.forgetUser();
      c.navigate("/admin/", true);
    } catch (e) {
      applyErrors(e, rows, message);
    }
  });
  return section;
}

function checkYourMail(c, email) {
  return [h("h1", { tabindex: "-1" }, "Check your mail"),
    notice("ok", h("p", {}, "We sent a message to ", h("strong", {}, email), ". Follow its link to verify your address, then sign in.")),
    h("p", {}, "No message after a few minutes? Look in the spam folder, or ",
      h("a", { href: "/admin/verify-email" }, "send the link again"), "."),
    h("p", {}, h("a", { href: "/admin/signin" }, "Go to sign-in"))];
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

// A form that sends one email address to a public endpoint answering 202 whatever the address.
function emailForm(c, endpoint, submitLabel, value) {
  const email = simpleRow("email", "Email", { type: "email", required: true, autocomplete: "email" });
  email.input.value = value || "";
  const check = turnstile(c);
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, email.row, check.node, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, submitLabel)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    try {
      const answer = await api("POST", endpoint, { anonymous: true, body: { email: email.input.value }, headers: turnstileHeaders(check) });
      show(message, notice("ok", answer.detail + "."));
    } catch (e) {
      applyErrors(e, { email }, message);
    }
  });
  return form;
}

export async function forgotPassword(c) {
  return h("section", {}, h("h1", { tabindex: "-1" }, "Reset your password"),
    h("p", {}, "We will mail a link to set a new password. It works once, for a short time."),
    emailForm(c, "/api/v1/auth/password-reset", "Send a reset link"),
    h("p", {}, h("a", { href: "/admin/signin" }, "Back to sign-in")));
}

/** Two password inputs that must agree; check() says whether they do (and marks the second when not). */
function newPasswordRows(label) {
  const rows = {
    newPassword: simpleRow("newPassword", label, { type: "password", required: true, minlength: 8, autocomplete: "new-password" },
      "At least 8 characters (72 bytes at most)."),
    repeat: simpleRow("repeat", "Repeat it", { type: "password", required: true, autocomplete: "new-password" }),
  };
  rows.check = () => {
    const same = rows.newPassword.input.value === rows.repeat.input.value;
    rows.repeat.setError(same ? null : "The two passwords differ.");
    if (!same) rows.repeat.focus();
    return same;
  };
  return rows;
}

function invalidLink(what, retryHref, retryText) {
  return notice("error", h("p", {}, "This " + what + " link is invalid, has expired or was already used. ",
    h("a", { href: retryHref }, retryText)));
}

// PUBLIC_URL/admin/reset-password?token=... from the mail.
export async function resetPassword(c) {
  const token = c.query.get("token") || "";
  history.replaceState(null, "", "/admin/reset-password"); // the token must not stay in the address or the history
  const heading = h("h1", { tabindex: "-1" }, "Choose a new password");
  if (!token) return h("section", {}, heading, invalidLink("reset", "/admin/forgot-password", "Ask for a new one."));
  const rows = newPasswordRows("New password");
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, rows.newPassword.row, rows.repeat.row, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Set password")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    if (!rows.check()) return;
    try {
      await api("POST", "/api/v1/auth/password-reset/confirm", { anonymous: true, body: { token, newPassword: rows.newPassword.input.value } });
      await endSession();
      c.forgetUser();
      c.navigate("/admin/signin?notice=reset", true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && !e.errors.length) {
        show(message, invalidLink("reset", "/admin/forgot-password", "Ask for a new one."));
      } else {
        applyErrors(e, rows, message);
      }
    }
  });
  return h("section", {}, heading, form);
}

// PUBLIC_URL/admin/verify-email?token=... from the mail; without a token, a form that sends a new link.
export async function verifyEmail(c) {
  const token = c.query.get("token") || "";
  history.replaceState(null, "", "/admin/verify-email");
  const again = () => [h("h2", {}, "Send a new link"),
    emailForm(c, "/api/v1/auth/verify-email/resend", "Send the link", c.me ? c.me.email : "")];
  if (!token) return h("section", {}, h("h1", { tabindex: "-1" }, "Verify your email address"), again());
  try {
    await api("POST", "/api/v1/auth/verify-email", { anonymous: true, body: { token } });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    return h("section", {}, h("h1", { tabindex: "-1" }, "Email verification"),
      invalidLink("verification", "/admin/signin", "Sign in, or send a new link below."), again());
  }
  if (!signedIn()) {
    c.navigate("/admin/signin?notice=verified", true);
    return null;
  }
  c.forgetUser(); // /me says emailVerified: false until it is read again
  return h("section", {}, h("h1", { tabindex: "-1" }, "Email verification"),
    notice("ok", "Your email address is verified."), h("p", {}, h("a", { href: "/admin/account" }, "Your account")));
}

// ---- the signed-in user's account ----

export async function account(c) {
  const me = await api("GET", "/api/v1/me");
  c.setUser(me);
  const facts = [["Name", me.name], ["Email", me.email], ["Email verified", me.emailVerified ? "Yes" : "No"],
    ["Role", me.role], ["Organisation", me.organizationId]];
  if (me.createdAt) facts.push(["Member since", new Date(me.createdAt).toLocaleString()]);
  return h("section", {},
    h("h1", { tabindex: "-1" }, "Your account"),
    h("dl", { class: "facts", id: "account-facts" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v === null || v === undefined ? "—" : String(v))])),
    me.emailVerified ? null : h("p", {}, "Your address is not verified yet: follow the link mailed to you, or ",
      h("a", { href: "/admin/verify-email" }, "send a new one"), "."),
    nameForm(c, me),
    passwordForm(),
    sessions(c),
    deletion(c));
}

function nameForm(c, me) {
  const name = simpleRow("name", "Your name", { required: true, maxlength: 200, autocomplete: "name" }, "The name others see.");
  name.input.value = me.name || "";
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, h("h2", {}, "Your name"), name.row, message,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Save name")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    try {
      const updated = await api("PATCH", "/api/v1/me", { body: { name: name.input.value } });
      c.setUser(updated);
      name.input.value = updated.name;
      const shown = document.querySelector("#account-facts dd");
      if (shown) shown.textContent = updated.name;
      show(message, notice("ok", "Your name is now " + updated.name + "."));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) throw e;
      applyErrors(e, { name }, message);
    }
  });
  return form;
}

function passwordForm() {
  const fresh = newPasswordRows("New password");
  const rows = {
    currentPassword: simpleRow("currentPassword", "Current password", { type: "password", required: true, autocomplete: "current-password" }),
    newPassword: fresh.newPassword,
    repeat: fresh.repeat,
  };
  const message = h("div", { class: "messages" });
  const form = h("form", { class: "narrow" }, h("h2", {}, "Change your password"), rows.currentPassword.row, rows.newPassword.row,
    rows.repeat.row, message, h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Change password")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(message);
    if (!fresh.check()) return;
    try {
      const answer = await api("POST", "/api/v1/auth/password", {
        body: { currentPassword: rows.currentPassword.input.value, newPassword: rows.newPassword.input.value },
      });
      keepTokens(answer); // every session ended, this one included: the answer starts this tab's next one
      form.reset();
      show(message, notice("ok", "Your password is changed. Every other session of your account is signed out."));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401) throw e;
      applyErrors(e, rows, message);
    }
  });
  return form;
}

function sessions(c) {
  return h("div", {}, h("h2", {}, "Sessions"),
    h("p", {}, "Signed in on another device or browser you no longer use? End every session of your account, this one included."),
    button("Sign out everywhere", async () => {
      if (!await confirmDialog("Sign out everywhere?", h("p", {}, "Every session of your account ends, on every device, this one included."), "Sign out everywhere")) return;
      await api("POST", "/api/v1/auth/signout-all");
      forgetTokens();
      c.forgetUser();
      c.navigate("/admin/signin?notice=everywhere", true);
    }));
}

function deletion(c) {
  const own = c.ui.entities.filter((e) => e.scope === "user").map((e) => e.path.replace(/-/g, " "));
  const message = h("div", { class: "messages" });
  const consequences = h("ul", {},
    h("li", {}, "You can no longer sign in, and every session of yours ends."),
    own.length ? h("li", {}, "Your private documents are deleted (" + own.join(", ") + ").") : null,
    h("li", {}, "The documents you created for the organisation stay; their ‘created by’ keeps your id."));
  return h("div", {}, h("h2", {}, "Delete your account"), consequences,
    h("p", { class: "hint" }, "To make sure it is you, this needs a sign-in from the last few minutes: if yours is older, you will be asked to sign in again."),
    message,
    button("Delete my account", async () => {
      show(message);
      if (!await confirmDialog("Delete your account?", h("div", {}, h("p", {}, "This cannot be undone."), consequences.cloneNode(true)), "Delete my account")) return;
      try {
        await api("DELETE", "/api/v1/me");
      } catch (e) {
        if (!(e instanceof ApiError) || e.status === 401) throw e;
        if (e.status === 403) {
          show(message, notice("error", h("p", {}, e.problem.detail || e.message), button("Sign in again", async () => {
            await endSession();
            c.forgetUser();
            c.navigate("/admin/signin?notice=reauthenticate&next=" + encodeURIComponent("/admin/account"));
          })));
        } else {
          show(message, notice("error", e.status === 409 ? "Not deleted: " + e.problem.detail + "." : e.message));
        }
        message.querySelector(".notice").focus();
        return;
      }
      forgetTokens();
      c.forgetUser();
      c.navigate("/admin/signin?notice=deleted", true);
    }, { class: "danger" }));
}
