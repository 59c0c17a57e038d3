// Starts Swagger UI over the service's own OpenAPI document. This file replaces the WebJar's index.html, whose
// initialiser is an inline script that the service's CSP (default-src 'self') would refuse.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // the default sends the document to a third-party validator
    persistAuthorization: false, // the bearer token stays in this page's memory only
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
