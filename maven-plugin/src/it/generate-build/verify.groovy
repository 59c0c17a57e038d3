// Runs after the three builds in invoker.properties. The invoker appends every build to build.log (newer invokers
// keep the earlier ones in build.log.1, build.log.2): the plugin's own log lines, in order, tell the builds apart.
import java.nio.file.Files

File gen = new File(basedir, 'target/generated-sources/instacrud')
File classes = new File(basedir, 'target/classes')
String log = ['build.log.1', 'build.log.2', 'build.log'].collect { new File(basedir, it) }
        .findAll { it.isFile() }.collect { it.text }.join('\n')
List<String> runs = log.readLines().findAll { it.startsWith('[INFO] instacrud: ') }
assert runs.size() == 3 : runs
String log1 = runs[0], log2 = runs[1], log3 = runs[2]
assert log.count('BUILD SUCCESS') == 3

long mtime(File f) { Files.getLastModifiedTime(f.toPath()).toMillis() }
List<File> files(File dir, String suffix) {
    List<File> found = []
    dir.eachFileRecurse { if (it.isFile() && it.name.endsWith(suffix)) found << it }
    found
}

// 1. fresh build: generated, compiled against the runtime, openapi.json on the classpath next to the classes
assert log1.contains('instacrud: generated ')
assert log1.endsWith('20 created, 0 updated, 0 deleted, 0 unchanged')
File pkg = new File(gen, 'org/example/tasks')
assert new File(pkg, 'openapi.json').isFile()
assert new File(classes, 'org/example/tasks/openapi.json').isFile()
List<File> classFiles = files(classes, '.class')
assert classFiles.any { it.name == 'Note.class' } && classFiles.any { it.name == 'Task.class' }
assert new File(gen, '.instacrud/manifest').isFile()
assert new File(gen, '.instacrud/input.sha256').isFile()
// the manifest and the input record are the plugin's, never packaged
assert !new File(classes, '.instacrud').exists()
long compiledAt = classFiles.collect { mtime(it) }.min()

// 2. no change: skipped on the input record
assert log2.contains('is up to date (spec and generator unchanged), nothing generated')
assert !log2.contains('instacrud: generated ')

// 3. spec change: regenerated; Note's files deleted, Task's rewritten with the new field
assert log3.contains('instacrud: generated ')
assert !log3.contains(' 0 updated') && !log3.contains(' 0 deleted')
List<File> sources = files(gen, '.java')
assert !sources.any { it.name.startsWith('Note') }
File task = sources.find { it.name == 'Task.java' }
assert task != null && task.text.contains('doneAt')
assert mtime(task) >= compiledAt

// files the changed spec produces identically were rewritten neither by build 2 nor by build 3:
// they are still older than the classes build 1 compiled from them
List<File> untouched = sources.findAll { it.name.startsWith('Project') }
assert !untouched.isEmpty()
untouched.each { assert mtime(it) <= compiledAt : "${it} was rewritten" }
return true
