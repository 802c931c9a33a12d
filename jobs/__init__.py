"""The task worker's own bookkeeping: worker leases, periodic jobs and done-once marks.

Background work goes through Django's tasks API on django-tasks-db's database queue; this app
adds what that queue leaves out: tasks of a worker that died are queued again (`recovery`),
the periodic jobs of config/schedule.py are queued when due (`periodic`), and a task that may
run twice does its work once (`once`).
"""
