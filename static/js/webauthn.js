/* Passkeys (WebAuthn) for Forløp's staff login: registration on the setup page, authentication on the
 * second login step. The server makes the options and keeps the challenge; this file only converts between
 * JSON (base64url) and the browser's ArrayBuffers, calls navigator.credentials, and posts the answer back.
 *
 * Markup: an element with data-passkey="register" | "login" | "stepup", data-options-url, data-complete-url and
 * data-msg-* texts (translated by the template). Inside it: [data-passkey-js] (shown when the browser
 * supports passkeys), [data-passkey-nojs] (hidden then), [data-passkey-start] (the button),
 * [data-passkey-name] (optional name input), [data-passkey-status] and [data-passkey-error].
 */
(function () {
  "use strict";

  function toBuffer(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) {
      base64 += "=";
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function postJSON(url, body, fallbackMessage) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": csrfToken()
      },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (data) {
        if (!response.ok) {
          throw new ServerError(data.error || fallbackMessage);
        }
        return data;
      });
    });
  }

  function ServerError(message) {
    this.name = "ServerError";
    this.message = message;
  }

  function creationOptions(options) {
    options.challenge = toBuffer(options.challenge);
    options.user.id = toBuffer(options.user.id);
    (options.excludeCredentials || []).forEach(function (credential) {
      credential.id = toBuffer(credential.id);
    });
    return options;
  }

  function requestOptions(options) {
    options.challenge = toBuffer(options.challenge);
    (options.allowCredentials || []).forEach(function (credential) {
      credential.id = toBuffer(credential.id);
    });
    return options;
  }

  function credentialJSON(credential) {
    var response = credential.response;
    var json = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toBase64url(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      json.response.attestationObject = toBase64url(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    }
    if (response.authenticatorData) {
      json.response.authenticatorData = toBase64url(response.authenticatorData);
      json.response.signature = toBase64url(response.signature);
      json.response.userHandle = response.userHandle ? toBase64url(response.userHandle) : null;
    }
    return json;
  }

  function messageFor(box, error) {
    if (error instanceof ServerError) {
      return error.message;
    }
    if (error && error.name === "NotAllowedError") {
      return box.dataset.msgCancelled;
    }
    if (error && error.name === "InvalidStateError") {
      return box.dataset.msgExists;
    }
    if (error && error.name === "SecurityError") {
      return box.dataset.msgSecurity;
    }
    return box.dataset.msgFailed;
  }

  function ceremony(box) {
    var mode = box.dataset.passkey;
    var nameInput = box.querySelector("[data-passkey-name]");
    var fallback = box.dataset.msgFailed;
    return postJSON(box.dataset.optionsUrl, {}, fallback).then(function (options) {
      if (mode === "register") {
        return navigator.credentials.create({ publicKey: creationOptions(options) }).then(function (credential) {
          return postJSON(
            box.dataset.completeUrl,
            { credential: credentialJSON(credential), name: nameInput ? nameInput.value : "" },
            fallback
          );
        });
      }
      return navigator.credentials.get({ publicKey: requestOptions(options) }).then(function (credential) {
        return postJSON(box.dataset.completeUrl, credentialJSON(credential), fallback);
      });
    });
  }

  function setUp(box) {
    if (!window.PublicKeyCredential || !navigator.credentials) {
      return;
    }
    var jsPart = box.querySelector("[data-passkey-js]");
    var noJs = box.querySelector("[data-passkey-nojs]");
    var button = box.querySelector("[data-passkey-start]");
    var status = box.querySelector("[data-passkey-status]");
    var errorBox = box.querySelector("[data-passkey-error]");
    if (jsPart) {
      jsPart.hidden = false;
    }
    if (noJs) {
      noJs.hidden = true;
    }
    if (!button) {
      return;
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      box.setAttribute("aria-busy", "true");
      errorBox.textContent = "";
      status.textContent = box.dataset.msgWorking;
      ceremony(box)
        .then(function (result) {
          if (result.submit) {
            // Step-up: the passkey has confirmed an act; send the form it sits in (the server holds the proof).
            var form = box.closest("form");
            var proof = form && form.querySelector("[data-passkey-proof]");
            if (proof) {
              proof.value = "1";
            }
            status.textContent = box.dataset.msgSending || status.textContent;
            form.submit();
            return;
          }
          window.location.assign(result.redirect);
        })
        .catch(function (error) {
          status.textContent = "";
          errorBox.textContent = messageFor(box, error);
          button.disabled = false;
          box.removeAttribute("aria-busy");
        });
    });
  }

  function start() {
    document.querySelectorAll("[data-passkey]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
