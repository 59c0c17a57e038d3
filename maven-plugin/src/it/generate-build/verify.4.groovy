// 4. a real spec change: Note's files deleted, Task's rewritten with the new field, Project's left alone, compiled.
def it = evaluate(new File(basedir, 'common.groovy'))
String run = it.lastRun()
assert run.contains('instacrud: generated ') && run.contains('BUILD SUCCESS')
assert !run.contains(' 0 updated') && !run.contains(' 0 deleted')
Map<String, String> now = it.mtimes()
Properties before = new Properties()
it.recorded.withInputStream { before.load(it) }

assert !now.keySet().any { it.contains('/Note') }
assert before.keySet().any { it.contains('/Note') }
assert new File(it.gen, 'org/example/tasks/Task.java').text.contains('doneAt')
assert now['org/example/tasks/Task.java'] != before['org/example/tasks/Task.java']
Collection<String> project = now.keySet().findAll { it.startsWith('org/example/tasks/Project') }
assert !project.isEmpty()
project.each { assert now[it] == before[it] : "${it} was rewritten" }
assert new File(basedir, 'target/classes/org/example/tasks/Task.class').isFile()
return true
