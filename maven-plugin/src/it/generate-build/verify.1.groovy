// 1. fresh build: sources generated, compiled against instacrud-runtime, openapi.json on the classpath.
def it = evaluate(new File(basedir, 'common.groovy'))
String run = it.lastRun()
assert run.contains('instacrud: generated ') && run.contains(': 21 created, 0 updated, 0 deleted, 0 unchanged')
assert run.contains('BUILD SUCCESS')

File classes = new File(basedir, 'target/classes/org/example/tasks')
['Project', 'Task', 'Note'].each { assert new File(classes, "${it}.class").isFile() }
assert new File(it.gen, 'org/example/tasks/openapi.json').isFile()
// the resource folder added by the goal put the document next to the classes that load it
assert new File(classes, 'openapi.json').text == new File(it.gen, 'org/example/tasks/openapi.json').text
assert new File(it.gen, '.instacrud/manifest').isFile() && new File(it.gen, '.instacrud/input.sha256').isFile()
assert !new File(basedir, 'target/classes/.instacrud').exists()

Map<String, String> times = it.mtimes()
assert times.size() == 21
Properties p = new Properties()
p.putAll(times)
it.recorded.withOutputStream { p.store(it, null) }
return true
