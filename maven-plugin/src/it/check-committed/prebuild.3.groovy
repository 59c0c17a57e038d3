// 3. edit a generated file by hand
def it = evaluate(new File(basedir, 'common.groovy'))
new File(it.generated, 'Box.java') << '// a hand edit\n'
return true
