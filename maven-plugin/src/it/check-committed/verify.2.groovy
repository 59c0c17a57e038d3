// 2. nothing differs: the check bound to verify passes.
def it = evaluate(new File(basedir, 'common.groovy'))
String run = it.lastRun()
assert run.contains('--- instacrud:') && run.contains(':check (default) @ check-committed ---')
assert run.contains('src/main/generated matches ') && run.contains('BUILD SUCCESS')
return true
