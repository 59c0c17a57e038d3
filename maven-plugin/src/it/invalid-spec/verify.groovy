// Both builds failed (invoker.buildResult.N = failure); each must name every problem as FILE:LINE:COL.
String log = ['build.log.1', 'build.log'].collect { new File(basedir, it) }
        .findAll { it.isFile() }.collect { it.text }.join('\n')
String spec = new File(basedir, 'src/main/instacrud/instacrud.yaml').canonicalPath
List<String> expected = [
    "${spec}:9:22: error: unknown type 'integr'; did you mean 'int'? [unknown-type]",
    "${spec}:10:31: error: field 'owner' refers to unknown entity 'Crate' [unknown-ref]",
]*.toString()

for (String goal in ['validate (default-cli)', 'generate (default)']) {
    int start = log.indexOf(":${goal} @ invalid-spec ---")
    assert start >= 0 : "no run of ${goal}"
    String run = log.substring(start)
    // each line logged as a build error, then again in the failure message
    expected.each { assert run.contains('[ERROR] ' + it) : it }
    assert run.contains("instacrud-maven-plugin:") && run.contains("has 2 errors:")
}
assert log.count('BUILD FAILURE') == 2
// an invalid spec writes nothing
assert !new File(basedir, 'target/generated-sources/instacrud').exists()
return true
