// 4. missing: the build failed naming the deleted file
def it = evaluate(new File(basedir, 'common.groovy'))
String run = it.lastRun()
assert run.contains('BUILD FAILURE')
assert run.contains('[ERROR] missing (the spec produces them, the folder lacks them):')
assert run.contains('[ERROR]   org/example/shelves/BoxInput.java')
assert run.contains('(0 differing, 1 missing, 0 orphaned)')
return true
