// 5. orphaned: Shelf is gone from the spec, its committed files are named as orphans
def it = evaluate(new File(basedir, 'common.groovy'))
String run = it.lastRun()
assert run.contains('BUILD FAILURE')
assert run.contains('[ERROR] orphaned (generated earlier, no longer produced by the spec):')
assert run.contains('[ERROR]   org/example/shelves/Shelf.java')
assert run =~ /\(\d+ differing, 0 missing, [1-9]\d* orphaned\)/
// check writes nothing: the orphans are still there
assert new File(it.generated, 'Shelf.java').text == new File(it.saved, 'Shelf.java').text
return true
