// Shared by the new-* ITs (each verify.groovy evaluates it; named so that -Dinvoker.test=new-* does not take it
// for a project): the development jar `mvn package` made of a project `instacrud new` created starts on the
// embedded MongoDB, prints its address, and answers /health and the OpenAPI document; the production jar holds no
// embedded store and, started without MONGO_URL, stops with exit status 2 saying why.
import groovy.json.JsonSlurper
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.concurrent.TimeUnit

// service: the spec's name (the jar is target/<service>.jar); env: variables this sample needs besides the usual
return { String service, Map<String, String> env ->
    File jar = new File(basedir, "target/${service}-dev.jar")
    assert jar.isFile() : "mvn package made no development jar ${jar}"
    File production = new File(basedir, "target/${service}.jar")
    assert production.isFile() : "mvn package made no production jar ${production}"
    List<String> embedded = new java.util.zip.ZipFile(production).withCloseable { zip ->
        zip.entries().collect { it.name }.findAll {
            it.startsWith('de/bwaldvogel/') || it.startsWith('org/h2/') || it.startsWith('io/netty/')
                    || it.startsWith('dev/instacrud/embedded/')
        }
    }
    assert embedded.isEmpty() : "the production jar holds the embedded store: ${embedded.take(5)}"
    // prod: everything else prod asks for is there (an org-db spec needs its key), so only MONGO_URL is missing
    Map<String, String> prod = [MODE: 'prod', SECRET_KEY: 'x' * 40,
            ORG_DB_ENCRYPTION_KEY: Base64.encoder.encodeToString(new byte[32]),
            SMTP_URL: 'smtp://mail.example.com:587', MAIL_FROM: 'service@example.com',
            PUBLIC_URL: 'https://api.example.com']
    [prod, [MODE: 'dev']].each { Map<String, String> mode ->
        ProcessBuilder lean = new ProcessBuilder(new File(System.getProperty('java.home'), 'bin/java').path,
                '-jar', production.path).directory(basedir).redirectErrorStream(true)
        Map<String, String> keep = lean.environment().subMap(['PATH', 'HOME', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP'])
        lean.environment().clear()
        lean.environment().putAll(keep)
        lean.environment().putAll([PORT: '0', DATA_DIR: new File(basedir, 'target/lean-data').path] + mode + env)
        Process refused = lean.start()
        String said = refused.inputStream.text
        assert refused.waitFor(60, TimeUnit.SECONDS)
        assert refused.exitValue() == 2 : "${production} with ${mode} and no MONGO_URL: exit ${refused.exitValue()}\n${said}"
        assert said.contains('MONGO_URL') : "${production} did not name MONGO_URL:\n${said}"
    }
    println "${service}: target/${service}.jar (${production.length()} bytes) has no embedded store and needs MONGO_URL;" +
            " target/${service}-dev.jar is ${jar.length()} bytes"

    int port = new ServerSocket(0, 0, InetAddress.loopbackAddress).withCloseable { it.localPort }
    File log = new File(basedir, 'target/service.log')
    ProcessBuilder builder = new ProcessBuilder(new File(System.getProperty('java.home'), 'bin/java').path,
            '-jar', jar.path).directory(basedir).redirectErrorStream(true).redirectOutput(log)
    // only the variables set here: a MONGO_URL or SECRET_KEY of the machine running the build must not leak in
    Map<String, String> inherited = builder.environment().subMap(['PATH', 'HOME', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP'])
    builder.environment().clear()
    builder.environment().putAll(inherited)
    builder.environment().putAll([PORT: "${port}".toString(), DATA_DIR: new File(basedir, 'target/data').path,
            MODE: 'test', BCRYPT_COST: '4'] + env)

    Process process = builder.start()
    try {
        String listening = "Listening on http://127.0.0.1:${port}"
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (!log.text.contains(listening)) {
            assert process.alive : "${service} stopped (exit ${process.exitValue()}) before listening:\n${log.text}"
            assert System.nanoTime() < deadline : "${service} did not print '${listening}' within 60 s:\n${log.text}"
            Thread.sleep(100)
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
        def get = { String path ->
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}${path}"))
                    .timeout(Duration.ofSeconds(30)).build()
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString())
            assert response.statusCode() == 200 : "GET ${path}: ${response.statusCode()} ${response.body()}"
            new JsonSlurper().parseText(response.body())
        }
        assert get('/health') == [status: 'ok']
        def openapi = get('/api/v1/openapi.json')
        assert openapi.openapi.startsWith('3.1') && !openapi.paths.isEmpty()
    } finally {
        process.destroy()
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor()
        }
    }
    println "${service}: target/${service}-dev.jar started on port ${port} and answered /health and /api/v1/openapi.json"
    true
}
