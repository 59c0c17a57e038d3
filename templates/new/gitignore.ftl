<#-- .gitignore of a project made by `instacrud new`. Data: ProjectData. -->
target/
# what `instacrud new` wrote, for its own bookkeeping
.instacrud/
# the embedded MongoDB and the development secret (MODE=dev)
data/
.idea/
*.iml
.vscode/
