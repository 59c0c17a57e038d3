// 3. stale: the build failed with the file's unified diff (disk -> spec), and only that file is reported.
def it = evaluate(new File(basedir, 'common.groovy'))
String run = it.lastRun()
assert run.contains('BUILD FAILURE')
assert run.contains('[ERROR] --- a/org/example/shelves/Box.java')
assert run.contains('[ERROR] +++ b/org/example/shelves/Box.java')
assert run.contains('[ERROR] -// a hand edit')
assert run.contains('(1 differing, 0 missing, 0 orphaned)')
return true
