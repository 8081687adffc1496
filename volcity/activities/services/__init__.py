"""Every write of service delivery, one function per use case, by area:
activities (projects, activities, shifts), signups, checkin, records, certificates, campaigns."""
