// 5. restore the deleted file: the folder is up to date again for the full spec
def it = evaluate(new File(basedir, 'common.groovy'))
new File(it.generated, 'BoxInput.java').text = new File(it.saved, 'BoxInput.java').text
return true
