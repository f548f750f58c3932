"""The morning's work as Celery tasks, for several workers on several machines.

``app`` is the Celery application (broker: VIGIE_REDIS_URL); ``work`` holds the tasks, each
calling the pipeline; ``schedule`` the morning run of Celery beat. Without VIGIE_REDIS_URL the
tasks run in the calling process (``CELERY_TASK_ALWAYS_EAGER``), as Vigie always did.
"""
