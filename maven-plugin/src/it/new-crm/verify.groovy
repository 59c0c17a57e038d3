// target/crm.jar starts and answers (the shared check: ../started-service.groovy).
// The crm spec turns Cloudflare Turnstile on, so the service refuses to start without its secret key; no
// request here needs a token, so a placeholder is enough.
def startAndProbe = evaluate(new File(basedir, '../../../src/it/started-service.groovy'))
return startAndProbe('crm', [TURNSTILE_SECRET_KEY: 'it-placeholder-secret'])
