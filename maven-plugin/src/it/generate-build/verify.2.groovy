// 2. nothing changed: the goal skipped on the input record and no generated file was rewritten.
def it = evaluate(new File(basedir, 'common.groovy'))
String run = it.lastRun()
assert run.contains('is up to date (spec and generator unchanged), nothing generated')
assert !run.contains('instacrud: generated ')
Properties before = new Properties()
it.recorded.withInputStream { before.load(it) }
assert it.mtimes() == before
return true
