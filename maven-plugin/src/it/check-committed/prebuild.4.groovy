// 4. undo the edit, then delete a generated file
def it = evaluate(new File(basedir, 'common.groovy'))
new File(it.generated, 'Box.java').text = new File(it.saved, 'Box.java').text
assert new File(it.generated, 'BoxInput.java').delete()
return true
