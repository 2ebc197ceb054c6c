# busybox file tools: a tree made with mkdir/touch, find, tar round trip,
# md5sum of every file, cp -r, rm -r, ls of names.
mkdir -p tree/a/b tree/c
for i in 1 2 3 4 5; do j=$i; while [ $j -le 60 ]; do echo $j; j=$((j + i)); done > tree/a/f$i; done
echo hello > tree/c/hello.txt
ln -s ../c/hello.txt tree/a/b/link
find tree | sort
find tree -type f -name 'f*' | sort | xargs md5sum
tar cf t.tar tree
mkdir out && (cd out && tar xf ../t.tar)
diff -r tree out/tree && echo "tar round trip ok"
tar tf t.tar | sort | head -5
cp -r tree copy && cat copy/a/b/link
# (the archive itself holds mtimes, so it is compared with itself only)
gzip -9 -c t.tar > t.tar.gz && gunzip -c t.tar.gz | cmp - t.tar && echo "gzip round trip ok"
rm -r copy && [ ! -e copy ] && echo "removed"
ls tree/a
du -s tree >/dev/null && echo "du ok"
stat -c '%s %n' tree/a/f1 tree/c/hello.txt
