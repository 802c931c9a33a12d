import ast, pathlib, sys
rows=[]
for p in pathlib.Path('.').rglob('*.py'):
    s=str(p)
    if s.startswith(('.venv','tests','demo/','bench/')) or '/migrations/' in s: continue
    try: t=ast.parse(p.read_text())
    except Exception: continue
    for n in ast.walk(t):
        if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)):
            l=n.end_lineno-n.lineno+1
            if l>60: rows.append((l,s,n.name))
for r in sorted(rows,reverse=True): print(*r)
print(len(rows))
